#!/usr/bin/env node
import { AlmaError } from '@alma/core';
import { Command, CommanderError } from 'commander';
import { registerKeysCommand } from './cli/keys-command.js';
import { ListenFailure } from './cli/listen-failure.js';
import { registerServeCommand } from './cli/serve-command.js';

/**
 * The server on its own (`alma-server serve|keys`), for deployments without the CLI and for tests
 * that spawn it; `pnpm alma serve` and `pnpm alma keys` register the same commands.
 */
const program = new Command('alma-server').exitOverride().description('ALMA HTTP API and MCP server');
const write = (text: string) => process.stdout.write(text);
registerServeCommand(program, write);
registerKeysCommand(program, write);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // The exit codes of `alma` (apps/cli/src/exit-codes.ts), for the same failures.
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else if (error instanceof ListenFailure) {
    process.stderr.write(`alma-server: ${error.message} [${error.code}]\n`);
    process.exitCode = 69;
  } else if (error instanceof AlmaError) {
    process.stderr.write(`alma-server: ${error.message} [${error.code}]\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `alma-server: unexpected failure:\n${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 70;
  }
}
