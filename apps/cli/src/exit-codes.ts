/** What the exit status of `alma` means; scripts may rely on these, so they never change. */
export const EXIT_CODES = {
  /** Done. */
  ok: 0,
  /** An ALMA error the user can act on: its code and message are on stderr (VALIDATION, NOT_FOUND, …). */
  almaError: 1,
  /** The command line was wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The command ran, and a check it makes failed: a copy that does not verify, a doctor finding. */
  checkFailed: 3,
  /** A resource the command needs is taken or missing: `serve`'s port is in use, its host unknown. */
  unavailable: 69,
  /** A bug or an unexpected failure: the stack trace is on stderr. */
  crash: 70,
  /** Stopped by Ctrl-C (SIGINT); a copy resumes from its checkpoint when run again. */
  interrupted: 130,
} as const;

/** The help text's description of the exit codes (the same table as docs/cli.md). */
export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    an ALMA error (its code and message are printed on stderr, e.g. VALIDATION, NOT_FOUND)
  2    usage error (unknown command or option, missing argument)
  3    a check failed (copy verification, doctor, db status: migrations pending, failed or changed)
  69   unavailable (serve: the port is in use, or the host is not an address of this machine)
  70   unexpected failure (a bug: the stack trace is printed)
  130  interrupted (Ctrl-C); a copy resumes from its checkpoint when run again`;

/** Thrown by a command whose work finished but whose check failed; the report is already printed. */
export class CheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckFailed';
  }
}

/** Thrown when what a command needs is unavailable (EXIT_CODES.unavailable); `code` says what. */
export class Unavailable extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'Unavailable';
  }
}
