// The ```ts blocks of the README and the docs, each as a module of its own: a snippet is a whole
// program a user can paste, so it must type-check alone.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const BLOCK = /^```ts\n([\s\S]*?)^```$/gm;

/** `[{ file: 'engine-2.ts', source: 'docs/engine.md', code }]`, in document order. */
export function extractSnippets(root, documents) {
  return documents.flatMap((document) => {
    const text = readFileSync(join(root, document), 'utf8');
    const folder = dirname(document);
    const name = !document.endsWith('README.md')
      ? basename(document, '.md').toLowerCase()
      : folder === '.'
        ? 'readme'
        : `${basename(folder)}-readme`;
    return [...text.matchAll(BLOCK)].map((match, index) => ({
      file: `${name}-${index + 1}.ts`,
      source: document,
      // A snippet with no import or export would be a script, whose names clash across files.
      code: /^(import|export) /m.test(match[1]) ? match[1] : `${match[1]}export {};\n`,
    }));
  });
}
