import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The explorer's built JavaScript and CSS, raw and gzipped (what a browser downloads). */
export interface BundleSize {
  readonly jsBytes: number;
  readonly jsGzipBytes: number;
  readonly cssGzipBytes: number;
}

export async function bundleSize(dist: string): Promise<BundleSize> {
  const assets = join(dist, 'assets');
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const name of await readdir(assets)) {
    const content = await readFile(join(assets, name));
    const gzipped = gzipSync(content, { level: 9 }).length;
    if (name.endsWith('.js')) {
      jsBytes += content.length;
      jsGzipBytes += gzipped;
    } else if (name.endsWith('.css')) cssGzipBytes += gzipped;
  }
  return { jsBytes, jsGzipBytes, cssGzipBytes };
}
