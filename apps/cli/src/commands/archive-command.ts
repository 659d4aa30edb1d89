import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { type EngineFlags, wholeNumber, withEngineOptions } from '../option-parsers.js';
import { pageText, recordJson, summaryOf } from '../record-output.js';
import { openEngine } from '../store-session.js';

interface ListFlags extends EngineFlags {
  readonly agent?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** `alma archive list|restore`: the memories consolidation merged away, and bringing one back. */
export function registerArchiveCommand(program: Command, context: CommandContext): void {
  const archive = program
    .command('archive')
    .description('list and restore memories that consolidation archived');

  withEngineOptions(
    archive
      .command('list')
      .description('list archived memories, oldest first')
      .option('--agent <name>', 'only this agent’s')
      .option('--limit <n>', 'entries per page', wholeNumber(1, 1_000), 20)
      .option('--cursor <cursor>', 'continue after the page that printed it'),
  ).action(async (flags: ListFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const page = await session.alma.listArchive({
        agent: flags.agent,
        limit: flags.limit,
        cursor: flags.cursor,
      });
      printResult(
        context,
        flags.json,
        {
          items: page.items.map((entry) => recordJson('archivedMemory', entry)),
          nextCursor: page.nextCursor,
        },
        () =>
          pageText(
            page.items.map(
              (entry) =>
                `${entry.id}  ${entry.originalKind} ${entry.originalId} → ${entry.mergedInto ?? '-'}  ${summaryOf('archivedMemory', entry)}`,
            ),
            page.nextCursor,
          ),
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    archive
      .command('restore')
      .description('put an archived memory back in use, under its own id')
      .argument('<archive-id>', 'the id `archive list` printed'),
  ).action(async (archiveId: string, flags: EngineFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const restored = await session.alma.restoreArchived(archiveId);
      printResult(context, flags.json, { restored: restored.id }, () => `restored ${restored.id}\n`);
    } finally {
      await session.close();
    }
  });
}
