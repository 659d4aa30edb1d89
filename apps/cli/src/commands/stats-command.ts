import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { type EngineFlags, withEngineOptions } from '../option-parsers.js';
import { openEngine } from '../store-session.js';

/** `alma stats`: records per kind of a project, or of what one agent may read. */
export function registerStatsCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('stats')
      .description('count a project’s memories per kind')
      .option('--agent <name>', 'only what this agent may read (its own and inherited memories)'),
  ).action(async (flags: EngineFlags & { agent?: string }) => {
    const session = await openEngine(context.io, flags, flags.agent ? [flags.agent] : []);
    try {
      const stats = await session.alma.stats(flags.agent ? { agent: flags.agent } : {});
      printResult(context, flags.json, { store: session.opened.description, ...stats }, () =>
        [
          `store: ${session.opened.description}, project '${stats.projectId}'`,
          ...Object.entries(stats.counts).map(
            ([kind, count]) => `  ${kind.padEnd(16)} ${count.toLocaleString('en-US').padStart(10)}`,
          ),
          `  ${'total'.padEnd(16)} ${stats.total.toLocaleString('en-US').padStart(10)}`,
          '',
        ].join('\n'),
      );
    } finally {
      await session.close();
    }
  });
}
