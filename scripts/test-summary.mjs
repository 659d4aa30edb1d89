// Sums the vitest JSON results of every workspace project into one closing line:
// "tests: N passed, N failed, N skipped", then one line per skipped test: its title carries the
// reason (a conformance spec a backend cannot run ends in e.g. "[no textSearch]"). Exits 1 when no
// test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const projects = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
);
projects.push(join(root, 'test'));

let passed = 0;
let failed = 0;
let skipped = 0;
const skippedTitles = [];
for (const project of projects) {
  const file = join(project, '.vitest-result.json');
  if (!existsSync(file)) continue;
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  for (const suite of result.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
        skippedTitles.push(`skipped: ${test.ancestorTitles.join(' > ')} > ${test.title}`);
      }
    }
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
for (const line of skippedTitles) console.log(line);
process.exitCode = passed + failed === 0 ? 1 : 0;
