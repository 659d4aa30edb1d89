import { describeEngineConformance } from '@alma/engine/testing';
import { fileHarness } from './support/file-harness.js';

describeEngineConformance(fileHarness());
