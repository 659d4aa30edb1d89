import type { CliIo } from './cli-io.js';

const WIDTH = 24;
const REDRAW_MS = 100;

/** A one-line progress display on stderr: a bar when the total is known, a count and rate otherwise. */
export interface Progress {
  advance(by?: number): void;
  /** Sets the amount done outright (e.g. bytes read). */
  set(done: number): void;
  done(): void;
}

const silent: Progress = { advance() {}, set() {}, done() {} };

/**
 * A progress display, or a silent one when stderr is no terminal or output is JSON: progress is for
 * people watching, never part of what scripts read.
 */
export function startProgress(
  io: CliIo,
  enabled: boolean,
  label: string,
  total: number | null,
  unit = 'records',
): Progress {
  if (!enabled || !io.errIsTty) return silent;
  const started = Date.now();
  let current = 0;
  let drawn = 0;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - drawn < REDRAW_MS) return;
    drawn = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const rate = `${Math.round(current / seconds).toLocaleString('en-US')} ${unit}/s`;
    const count =
      total === null
        ? current.toLocaleString('en-US')
        : `${current.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
    const bar =
      total === null || total === 0
        ? ''
        : `[${'#'.repeat(Math.round((Math.min(current, total) / total) * WIDTH)).padEnd(WIDTH, '.')}] `;
    io.err(`\r\u001b[2K${label} ${bar}${count} ${unit}  ${rate}`);
  };
  return {
    advance(by = 1) {
      current += by;
      draw(false);
    },
    set(done) {
      current = done;
      draw(false);
    },
    done() {
      draw(true);
      io.err('\n');
    },
  };
}
