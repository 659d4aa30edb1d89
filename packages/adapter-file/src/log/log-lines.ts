import { createReadStream } from 'node:fs';

export interface LogLine {
  readonly text: string;
  /** 1-based line number. */
  readonly number: number;
  /** Byte offset just after this line's newline. */
  readonly end: number;
}

/**
 * Streams the newline-terminated lines of a file with their byte offsets, and reports the length of
 * the prefix made of whole lines: anything after it is a torn final write.
 */
export async function* readLogLines(path: string): AsyncGenerator<LogLine, number> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, newline);
      const bytes = pendingBytes + piece.length + 1;
      const text =
        pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      offset += bytes;
      number += 1;
      yield { text, number, end: offset };
      start = newline + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
    }
  }
  return offset;
}
