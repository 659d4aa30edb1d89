import type { CliIo } from './cli-io.js';

/** What every command gets: its streams, and a signal that Ctrl-C aborts. */
export interface CommandContext {
  readonly io: CliIo;
  readonly signal: AbortSignal;
}

/** Prints one JSON document, or the text, as the command's result. */
export function printResult(
  context: CommandContext,
  json: boolean,
  value: unknown,
  text: () => string,
): void {
  context.io.out(json ? `${JSON.stringify(value)}\n` : text());
}
