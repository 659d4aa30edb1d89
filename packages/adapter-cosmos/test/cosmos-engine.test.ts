import { describeEngineConformance } from '@alma/core/testing';
import { cosmosHarness } from './cosmos-harness.js';

describeEngineConformance(cosmosHarness());
