import { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { registerAddKnowledgeCommand } from './commands/add-knowledge-command.js';
import { registerAddPreferenceCommand } from './commands/add-preference-command.js';
import { registerArchiveCommand } from './commands/archive-command.js';
import { registerCheckpointCommand } from './commands/checkpoint-command.js';
import { registerConsolidateCommand } from './commands/consolidate-command.js';
import { registerCopyCommand } from './commands/copy-command.js';
import { registerDbCommand } from './commands/db-command.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerForgetCommand } from './commands/forget-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerLearnCommand } from './commands/learn-command.js';
import { registerQuickstartCommand } from './commands/quickstart-command.js';
import { registerRecordCommands } from './commands/record-commands.js';
import { registerRetrieveCommand } from './commands/retrieve-command.js';
import { registerStatsCommand } from './commands/stats-command.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { registerServerCommands } from './server-commands.js';

const STORES_HELP = `Stores (--store, --from, --to):
  file:./dir                 file store (append-only logs)
  sqlite:./alma.db           SQLite, vectors in ./alma.db.vectors (the default: ./.alma/alma.db)
  postgres://user@host/db    PostgreSQL with pgvector
  cosmos://host:443?db=name  Azure Cosmos DB; the key is read from COSMOS_KEY`;

/**
 * The `alma` command tree. Commander reports usage errors by throwing (exitOverride), so `runCli`
 * decides every exit code in one place. With `json`, commander's error text is held back: `runCli`
 * prints the error as JSON instead.
 */
export function buildProgram(context: CommandContext, options: { readonly json: boolean }): Command {
  const program = new Command('alma')
    .description('ALMA: persistent, learning memory for AI agents')
    .version('0.1.0', '-v, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.out(text),
      writeErr: (text) => (options.json ? undefined : context.io.err(text)),
    })
    .addHelpText('after', `\n${STORES_HELP}\n\n${EXIT_CODES_HELP}\n\nDocs: docs/cli.md`);
  registerQuickstartCommand(program, context);
  registerLearnCommand(program, context);
  registerRetrieveCommand(program, context);
  registerAddKnowledgeCommand(program, context);
  registerAddPreferenceCommand(program, context);
  registerRecordCommands(program, context);
  registerForgetCommand(program, context);
  registerConsolidateCommand(program, context);
  registerArchiveCommand(program, context);
  registerCheckpointCommand(program, context);
  registerStatsCommand(program, context);
  registerExportCommand(program, context);
  registerImportCommand(program, context);
  registerCopyCommand(program, context);
  registerDbCommand(program, context);
  registerDoctorCommand(program, context);
  registerServerCommands(program, context);
  for (const command of program.commands) command.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  return program;
}
