import { describeEngineConformance } from '@alma/core/testing';
import { postgresHarness } from './support/sql-harnesses.js';

describeEngineConformance(postgresHarness());
