import { describeEngineConformance } from '@alma/engine/testing';
import { sqliteHarness } from './support/sql-harnesses.js';

describeEngineConformance(sqliteHarness());
