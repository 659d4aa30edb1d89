import { Command } from 'commander';
import { registerDbCommand } from './commands/db-command.js';
import { runQuickstart } from './commands/quickstart-command.js';

/** The `alma` command tree; `bin.ts` runs it, tests call it with their own argv and output. */
export function buildProgram(write: (text: string) => void = (text) => process.stdout.write(text)): Command {
  const program = new Command('alma')
    .description('ALMA: persistent, learning memory for AI agents')
    .showHelpAfterError()
    .configureOutput({ writeOut: write });
  program
    .command('quickstart')
    .description(
      'store an agent’s outcomes and knowledge in the embedded store, then retrieve them for a new task',
    )
    .option('--dir <path>', 'store directory', '.alma/quickstart')
    .option('--json', 'print machine-readable JSON', false)
    .action(async (options: { dir: string; json: boolean }) => {
      await runQuickstart({ directory: options.dir, json: options.json, write });
    });
  registerDbCommand(program, write);
  return program;
}
