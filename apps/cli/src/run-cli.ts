import { AlmaError } from '@alma/core';
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { CheckFailed, EXIT_CODES } from './exit-codes.js';
import { buildProgram } from './program.js';

/**
 * Runs one `alma` invocation and returns its exit code (see EXIT_CODES): typed errors print their
 * code and message without a stack, usage errors are commander's, anything else is a crash.
 */
export async function runCli(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram({ io, signal }).parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end by "throwing" too, with exit code 0.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (error instanceof CheckFailed) {
      io.err(
        json
          ? `${JSON.stringify({ error: { code: 'CHECK_FAILED', message: error.message } })}\n`
          : `alma: ${error.message}\n`,
      );
      return EXIT_CODES.checkFailed;
    }
    if (signal.aborted) {
      io.err(
        json
          ? `${JSON.stringify({ error: { code: 'INTERRUPTED', message: 'interrupted' } })}\n`
          : 'alma: interrupted\n',
      );
      return EXIT_CODES.interrupted;
    }
    if (error instanceof AlmaError) {
      io.err(
        json
          ? `${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } })}\n`
          : `alma: ${error.message} [${error.code}]\n`,
      );
      return EXIT_CODES.almaError;
    }
    io.err(
      `alma: unexpected failure, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return EXIT_CODES.crash;
  }
}
