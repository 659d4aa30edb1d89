import { describe, expect, it } from 'vitest';
import { finishedLine, formatDuration, progressLine, progressMode } from '../src/progress-line.js';

const snapshot = { label: 'copying', done: 1_200, total: 5_000, fraction: 0.24, elapsedMs: 1_500 };

describe('progress lines', () => {
  it('shows records done of the total, the share, the rate and the time left', () => {
    expect(progressLine(snapshot)).toBe('copying   1,200/5,000 records  24%  800 records/s  ETA 5 s');
    expect(progressLine(snapshot, { bar: true })).toBe(
      'copying   1,200/5,000 records  [#####...............] 24%  800 records/s  ETA 5 s',
    );
  });

  it('leaves out what it does not know instead of guessing', () => {
    // No total (every project of a store, stdin): count and rate only.
    expect(progressLine({ ...snapshot, total: null, fraction: null })).toBe(
      'copying   1,200 records  800 records/s',
    );
    // A file's bytes give the share and so an ETA even without a record total.
    expect(progressLine({ ...snapshot, label: 'checking', total: null, fraction: 0.5 })).toBe(
      'checking  1,200 records  50%  800 records/s  ETA 2 s',
    );
    // In the first second a rate is start-up noise.
    expect(progressLine({ ...snapshot, elapsedMs: 200 })).toBe('copying   1,200/5,000 records  24%');
    expect(progressLine({ ...snapshot, done: 5_000, fraction: 1 })).not.toContain('ETA');
  });

  it('ends with the count, the time taken and the rate', () => {
    expect(finishedLine({ ...snapshot, done: 5_000, fraction: 1, elapsedMs: 6_250 })).toBe(
      'copying   5,000 records in 6.3 s, 800 records/s',
    );
    expect(finishedLine({ ...snapshot, done: 0, elapsedMs: 0 })).toBe(
      'copying   0 records in 0.0 s, 0 records/s',
    );
  });

  it('says a remaining time as precisely as it deserves', () => {
    expect(formatDuration(400)).toBe('1 s');
    expect(formatDuration(59_000)).toBe('59 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
  });

  it('redraws only on a terminal that understands it, and stays off for scripts', () => {
    expect(progressMode({ enabled: true, isTty: true, term: 'xterm-256color' })).toBe('redraw');
    expect(progressMode({ enabled: true, isTty: true, term: undefined })).toBe('redraw');
    expect(progressMode({ enabled: true, isTty: true, term: 'dumb' })).toBe('lines');
    expect(progressMode({ enabled: true, isTty: false, term: 'xterm' })).toBe('lines');
    expect(progressMode({ enabled: false, isTty: true, term: 'xterm' })).toBe('off');
  });

  it('never writes an escape sequence in a line', () => {
    for (const line of [progressLine(snapshot, { bar: true }), finishedLine(snapshot)]) {
      for (const control of ['\u001b', '\r', '\n']) expect(line).not.toContain(control);
    }
  });
});
