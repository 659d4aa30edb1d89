import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatTable } from './format-table.js';
import { SUITES } from './suite-registry.js';

const USAGE = `usage: pnpm bench <suite> [--quick] [--json FILE]\nsuites: ${Object.keys(SUITES).join(', ')}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const name = positionals[0];
  if (values.help || name === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown suite '${name}'\n${USAGE}`);
    return 2;
  }
  const suite = await load();
  console.log(`# ${suite.name}: ${suite.description}${values.quick ? ' (quick)' : ''}\n`);
  const report = await suite.run({ quick: values.quick });
  for (const table of report.tables) console.log(`${formatTable(table)}\n`);
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`figures written to ${values.json}`);
  }
  return 0;
}

process.exitCode = await main();
