import { describeEngineConformance } from '@alma/core/testing';
import { fileHarness } from './support/file-harness.js';

describeEngineConformance(fileHarness());
