import { describeEngineConformance } from '@alma/engine/testing';
import { postgresHarness } from './support/sql-harnesses.js';

describeEngineConformance(postgresHarness());
