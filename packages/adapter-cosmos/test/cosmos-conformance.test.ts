import { describeConformance } from '@alma/core/testing';
import { cosmosHarness } from './cosmos-harness.js';

describeConformance(cosmosHarness());
