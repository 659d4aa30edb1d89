import { type Filter, fieldsOf, type Kind, NotFoundError } from '@alma/core';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { KIND_CHOICES, kindArgument } from '../kind-names.js';
import { type EngineFlags, wholeNumber, withEngineOptions } from '../option-parsers.js';
import { pageText, recordJson, recordLineText, recordText } from '../record-output.js';
import { openEngine } from '../store-session.js';

interface ListFlags extends EngineFlags {
  readonly agent?: string;
  readonly user?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** `alma list|get|delete`: records of one kind, read and removed by id within the project. */
export function registerRecordCommands(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('list')
      .description(`list a project’s records of one kind, newest first (${KIND_CHOICES})`)
      .argument('<kind>', KIND_CHOICES, kindArgument)
      .option('--agent <name>', 'only this agent’s (kinds an agent owns)')
      .option('--user <id>', 'only this user’s (preferences)')
      .option('--limit <n>', 'records per page', wholeNumber(1, 1_000), 20)
      .option('--cursor <cursor>', 'continue after the page that printed it'),
  ).action(async (kind: Kind, flags: ListFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const where = {
        projectId: session.alma.config.projectId,
        ...(flags.agent && Object.hasOwn(fieldsOf(kind), 'agent') ? { agent: flags.agent } : {}),
        ...(flags.user && kind === 'preference' ? { userId: flags.user } : {}),
      } as Filter<Kind>;
      const page = await session.alma.store.kind(kind).find({
        where,
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: flags.limit,
        ...(flags.cursor ? { cursor: flags.cursor } : {}),
      });
      printResult(
        context,
        flags.json,
        { kind, items: page.items.map((record) => recordJson(kind, record)), nextCursor: page.nextCursor },
        () =>
          pageText(
            page.items.map((record) => recordLineText(kind, record)),
            page.nextCursor,
          ),
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    program
      .command('get')
      .description('print one record in full')
      .argument('<kind>', KIND_CHOICES, kindArgument)
      .argument('<id>', 'its id'),
  ).action(async (kind: Kind, id: string, flags: EngineFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const record = await session.alma.store
        .kind(kind)
        .get({ projectId: session.alma.config.projectId, id });
      if (!record) throw notFound(kind, id, session.alma.config.projectId);
      printResult(context, flags.json, { kind, record: recordJson(kind, record) }, () =>
        recordText(kind, record),
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    program
      .command('delete')
      .description('delete one record (and its vector)')
      .argument('<kind>', KIND_CHOICES, kindArgument)
      .argument('<id>', 'its id'),
  ).action(async (kind: Kind, id: string, flags: EngineFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const projectId = session.alma.config.projectId;
      if (!(await session.alma.store.kind(kind).delete({ projectId, id })))
        throw notFound(kind, id, projectId);
      printResult(context, flags.json, { kind, id, deleted: true }, () => `${kind} ${id} deleted\n`);
    } finally {
      await session.close();
    }
  });
}

function notFound(kind: Kind, id: string, projectId: string): NotFoundError {
  return new NotFoundError(`${kind} ${id} not found in project ${projectId}`, {
    details: { kind, id, projectId },
  });
}
