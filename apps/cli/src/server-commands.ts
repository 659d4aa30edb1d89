import { Command } from 'commander';
import type { CommandContext } from './command-context.js';
import { EXIT_CODES_HELP, Unavailable } from './exit-codes.js';

const SUMMARIES = {
  serve:
    'serve the REST API and MCP (Streamable HTTP at /mcp, the original JSON-RPC at POST /), or MCP over stdio',
  keys: 'manage the API keys of `alma serve`',
} as const;

/**
 * `serve` and `keys` are defined by @alma/server, whose entry loads Fastify and the MCP SDK. Here they
 * are registered by name and summary only; the server's own definitions are loaded when one of them
 * runs and parse its arguments (`--help` included), so every other command, `--help` and `--version`
 * start without them.
 */
export function registerServerCommands(program: Command, context: CommandContext): void {
  for (const [name, summary] of Object.entries(SUMMARIES)) {
    program
      .command(name)
      .description(summary)
      // `alma help serve` shows this stub's help; its options are the server's, shown by `serve --help`.
      .addHelpText('after', `\nOptions and subcommands: alma ${name} --help`)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .action((_flags: unknown, stub: Command) => runServerCommand(program, context, name, stub.args));
  }
}

async function runServerCommand(
  program: Command,
  context: CommandContext,
  name: string,
  args: readonly string[],
): Promise<void> {
  const server = await import('@alma/server');
  const write = (text: string) => context.io.out(text);
  // The same output, usage errors and help as the stub's program, so nothing tells the two apart.
  const real = new Command(program.name()).copyInheritedSettings(program);
  server.registerServeCommand(real, write);
  server.registerKeysCommand(real, write);
  for (const command of real.commands) command.addHelpText('after', `\n${EXIT_CODES_HELP}`);
  try {
    await real.parseAsync([name, ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof server.ListenFailure) throw new Unavailable(error.code, error.message);
    throw error;
  }
}
