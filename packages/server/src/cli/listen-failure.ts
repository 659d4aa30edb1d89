/** Why `serve` could not listen, as a stable code scripts may switch on. */
export type ListenFailureCode =
  | 'ADDRESS_IN_USE'
  | 'HOST_NOT_FOUND'
  | 'ADDRESS_NOT_AVAILABLE'
  | 'PORT_NOT_PERMITTED';

/**
 * The server could not take its address: the machine's state, not a bug and not the store's fault.
 * The CLI prints the message alone (no stack) and exits 69 (EXIT_CODES.unavailable).
 */
export class ListenFailure extends Error {
  constructor(
    readonly code: ListenFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ListenFailure';
  }
}

/**
 * The ListenFailure an error of the bind (`listen`) or of the host's lookup (`getaddrinfo`) means;
 * null for any other error, such as one opening the store, which must not pass for an address problem.
 */
export function listenFailureOf(error: unknown, host: string, port: number): ListenFailure | null {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (syscall !== 'listen' && syscall !== 'getaddrinfo') return null;
  const cause = { cause: error };
  switch (code) {
    case 'EADDRINUSE':
      return new ListenFailure(
        'ADDRESS_IN_USE',
        `port ${port} on ${host} is in use: stop what holds it, or pick another --port (0 takes a free one)`,
        cause,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return new ListenFailure('HOST_NOT_FOUND', `--host ${host} does not resolve to an address`, cause);
    case 'EADDRNOTAVAIL':
      return new ListenFailure(
        'ADDRESS_NOT_AVAILABLE',
        `--host ${host} is not an address of this machine`,
        cause,
      );
    case 'EACCES':
      return new ListenFailure(
        'PORT_NOT_PERMITTED',
        `port ${port} needs privileges this process lacks: pick one above 1023`,
        cause,
      );
    default:
      return null;
  }
}
