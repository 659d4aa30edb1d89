/** Why a command was stopped when the reader of its output went away: not a failure of the command. */
export class StdoutClosed extends Error {
  constructor() {
    super('stdout was closed by its reader');
    this.name = 'StdoutClosed';
  }
}

/**
 * True when the command was stopped because its output lost its reader (`alma export | head -c 100`):
 * the process saw the EPIPE and aborted the command with StdoutClosed. Only stdout counts: an EPIPE
 * from a database connection is a real failure.
 */
export function isStdoutClosed(signal: AbortSignal): boolean {
  return signal.reason instanceof StdoutClosed;
}
