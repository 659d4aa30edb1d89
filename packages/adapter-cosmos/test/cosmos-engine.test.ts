import { describeEngineConformance } from '@alma/engine/testing';
import { cosmosHarness } from './cosmos-harness.js';

describeEngineConformance(cosmosHarness());
