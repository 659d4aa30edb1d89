import { describeConformance } from '@alma/core/testing';
import { sqliteHarness } from './support/sql-harnesses.js';

describeConformance(sqliteHarness());
