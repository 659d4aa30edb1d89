#!/usr/bin/env node
import { AlmaError } from '@alma/core';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // Typed errors are the user's to fix: say what and which code, without a stack trace.
  if (error instanceof AlmaError) {
    process.stderr.write(`alma: ${error.message} [${error.code}]\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
