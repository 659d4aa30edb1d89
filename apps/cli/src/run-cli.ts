import { AlmaError } from '@alma/core';
import { CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { CheckFailed, EXIT_CODES, Unavailable } from './exit-codes.js';
import { buildProgram } from './program.js';
import { isStdoutClosed } from './stdout-closed.js';

/**
 * Runs one `alma` invocation and returns its exit code (see EXIT_CODES): typed errors print their
 * code and message without a stack, usage errors are commander's, anything else is a crash. With
 * `--json` every error is one JSON document on stderr, usage errors included.
 */
export async function runCli(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const json = argv.includes('--json');
  const report = (code: string, message: string, text: string, details?: unknown) =>
    io.err(json ? jsonError(code, message, details) : text);
  try {
    await buildProgram({ io, signal }, { json }).parseAsync([...argv], { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    // The reader went away (`alma export | head`): it has all it wanted, which is no failure.
    if (isStdoutClosed(signal)) return EXIT_CODES.ok;
    if (error instanceof CommanderError) {
      // Help and version end by "throwing" too, with exit code 0; commander printed the text form.
      if (error.exitCode === 0) return EXIT_CODES.ok;
      if (json) io.err(jsonError('USAGE', usageMessage(error)));
      return EXIT_CODES.usage;
    }
    if (error instanceof CheckFailed) {
      report('CHECK_FAILED', error.message, `alma: ${error.message}\n`);
      return EXIT_CODES.checkFailed;
    }
    if (error instanceof Unavailable) {
      report(error.code, error.message, `alma: ${error.message} [${error.code}]\n`);
      return EXIT_CODES.unavailable;
    }
    if (signal.aborted) {
      report('INTERRUPTED', 'interrupted', 'alma: interrupted\n');
      return EXIT_CODES.interrupted;
    }
    if (error instanceof AlmaError) {
      report(error.code, error.message, `alma: ${error.message} [${error.code}]\n`, error.details);
      return EXIT_CODES.almaError;
    }
    io.err(
      `alma: unexpected failure, please report it:\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return EXIT_CODES.crash;
  }
}

/** The JSON form of every error: `{"error":{"code","message","details"?}}` on one line. */
function jsonError(code: string, message: string, details?: unknown): string {
  return `${JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } })}\n`;
}

/** Commander's message without its `error: ` prefix; a command group run bare says what it needs. */
function usageMessage(error: CommanderError): string {
  if (error.code === 'commander.help') return 'a subcommand is required (run with --help for usage)';
  return error.message.replace(/^error: /, '');
}
