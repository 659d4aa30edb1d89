import { describeEngineConformance } from '@alma/core/testing';
import { sqliteHarness } from './support/sql-harnesses.js';

describeEngineConformance(sqliteHarness());
