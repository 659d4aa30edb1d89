import { describeConformance } from '@alma/core/testing';
import { fileHarness } from './support/file-harness.js';

describeConformance(fileHarness());
