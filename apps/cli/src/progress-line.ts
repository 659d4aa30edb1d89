/** Where a long command stands, as the progress display renders it. */
export interface ProgressSnapshot {
  /** What is being done: `copying`, `checking`, … */
  readonly label: string;
  /** Records done so far. */
  readonly done: number;
  /** Records in all, when known beforehand (a project's counts, an export checked first). */
  readonly total: number | null;
  /** The share of the work done (0 to 1) when known: from the total, or from the bytes of a file read. */
  readonly fraction: number | null;
  readonly elapsedMs: number;
}

/**
 * How progress is shown: redrawn in place on a terminal; as occasional plain lines where escapes
 * would end up as garbage (a pipe, a log file, `TERM=dumb`); not at all when output is for a script.
 */
export type ProgressMode = 'redraw' | 'lines' | 'off';

export function progressMode(options: {
  readonly enabled: boolean;
  readonly isTty: boolean;
  readonly term: string | undefined;
}): ProgressMode {
  if (!options.enabled) return 'off';
  return options.isTty && options.term !== 'dumb' ? 'redraw' : 'lines';
}

const BAR_WIDTH = 20;
// Below this, a rate or an ETA is mostly start-up noise.
const SETTLED_MS = 1_000;

/**
 * One line of progress: `copying   1,200/5,000 records  24%  830 records/s  ETA 5 s`. Parts that are
 * not known (total, share, ETA) are left out rather than guessed; `bar` adds a bar when the share is known.
 */
export function progressLine(snapshot: ProgressSnapshot, options: { readonly bar?: boolean } = {}): string {
  const { done, total, fraction, elapsedMs } = snapshot;
  const parts = [`${snapshot.label.padEnd(9)} ${countOf(done, total)} records`];
  if (fraction !== null) {
    const share = Math.min(Math.max(fraction, 0), 1);
    const bar = options.bar ? `[${'#'.repeat(Math.round(share * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')}] ` : '';
    parts.push(`${bar}${Math.floor(share * 100)}%`);
  }
  if (elapsedMs >= SETTLED_MS) {
    parts.push(`${grouped(Math.round(done / (elapsedMs / 1000)))} records/s`);
    if (fraction !== null && fraction > 0 && fraction < 1) {
      parts.push(`ETA ${formatDuration((elapsedMs * (1 - fraction)) / fraction)}`);
    }
  }
  return parts.join('  ');
}

/** The last line, once the work is done: `copying   5,000 records in 6.0 s, 830 records/s`. */
export function finishedLine(snapshot: ProgressSnapshot): string {
  const seconds = Math.max(snapshot.elapsedMs / 1000, 0.001);
  return `${snapshot.label.padEnd(9)} ${grouped(snapshot.done)} records in ${seconds.toFixed(1)} s, ${grouped(Math.round(snapshot.done / seconds))} records/s`;
}

/** `45 s`, `3 min 20 s`, `2 h 5 min`: as precise as a remaining time deserves. */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function countOf(done: number, total: number | null): string {
  return total === null ? grouped(done) : `${grouped(done)}/${grouped(total)}`;
}

function grouped(value: number): string {
  return value.toLocaleString('en-US');
}
