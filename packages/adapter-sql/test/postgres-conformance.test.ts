import { describeConformance } from '@alma/core/testing';
import { postgresHarness } from './support/sql-harnesses.js';

describeConformance(postgresHarness());
