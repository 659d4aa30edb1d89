import type { CliIo } from './cli-io.js';
import { finishedLine, type ProgressSnapshot, progressLine, progressMode } from './progress-line.js';

// A terminal line is redrawn often enough to look alive; a log gets a line now and then.
const REDRAW_MS = 100;
const LINE_MS = 10_000;

/** The progress of one long step (copying, checking, …), in records. */
export interface Progress {
  /** Records done so far. */
  set(done: number): void;
  advance(by?: number): void;
  /** The share done, for work whose size is known otherwise than in records (a file's bytes). */
  measure(fraction: number): void;
  /** The step is done: a last line with the count and the rate. */
  done(): void;
  /** The step ended early (an error): the display ends without a summary; nothing after `done`. */
  stop(): void;
}

const silent: Progress = { set() {}, advance() {}, measure() {}, done() {}, stop() {} };

/**
 * Progress on stderr, never on stdout, and none with `--json`: redrawn in one line on a terminal,
 * plain lines every 10 s and a last one elsewhere (see progressMode).
 */
export function startProgress(
  io: CliIo,
  options: { readonly enabled: boolean; readonly label: string; readonly total?: number | null },
): Progress {
  const mode = progressMode({ enabled: options.enabled, isTty: io.errIsTty, term: io.env.TERM });
  if (mode === 'off') return silent;
  const started = performance.now();
  const total = options.total ?? null;
  let done = 0;
  let measured: number | null = null;
  let shown = mode === 'lines' ? started : Number.NEGATIVE_INFINITY;
  let drawn = false;
  let ended = false;
  const snapshot = (): ProgressSnapshot => ({
    label: options.label,
    done,
    total,
    fraction: total === null ? measured : total === 0 ? 1 : done / total,
    elapsedMs: performance.now() - started,
  });
  const show = () => {
    const now = performance.now();
    if (ended || now - shown < (mode === 'redraw' ? REDRAW_MS : LINE_MS)) return;
    shown = now;
    drawn = true;
    io.err(
      mode === 'redraw'
        ? `\r\u001b[2K${progressLine(snapshot(), { bar: true })}`
        : `${progressLine(snapshot())}\n`,
    );
  };
  return {
    set(value) {
      done = value;
      show();
    },
    advance(by = 1) {
      done += by;
      show();
    },
    measure(fraction) {
      measured = fraction;
      show();
    },
    done() {
      if (ended) return;
      ended = true;
      io.err(`${mode === 'redraw' ? '\r\u001b[2K' : ''}${finishedLine(snapshot())}\n`);
    },
    stop() {
      if (ended) return;
      ended = true;
      // The error that follows starts on a line of its own.
      if (mode === 'redraw' && drawn) io.err('\n');
    },
  };
}
