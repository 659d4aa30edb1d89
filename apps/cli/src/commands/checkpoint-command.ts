import type { Checkpoint } from '@alma/core';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { type EngineFlags, jsonObject, wholeNumber, withEngineOptions } from '../option-parsers.js';
import { recordJson, recordLineText } from '../record-output.js';
import { openEngine } from '../store-session.js';

interface SaveFlags extends EngineFlags {
  readonly run: string;
  readonly node: string;
  readonly state: Record<string, unknown>;
  readonly branch?: string;
  readonly parent?: string;
  readonly always: boolean;
}

interface RunFlags extends EngineFlags {
  readonly run: string;
  readonly branch?: string;
  readonly keep: number;
}

const line = (checkpoint: Checkpoint) => `${recordLineText('checkpoint', checkpoint)}\n`;

/** `alma checkpoint save|resume|list|cleanup`: a workflow run's saved states, for crash recovery. */
export function registerCheckpointCommand(program: Command, context: CommandContext): void {
  const checkpoint = program
    .command('checkpoint')
    .description('save, resume from, list and clean up the checkpoints of a workflow run');

  withEngineOptions(
    checkpoint
      .command('save')
      .description('save the state after a node (skipped when the branch’s latest state is the same)')
      .requiredOption('--run <id>', 'the workflow run')
      .requiredOption('--node <id>', 'the node that produced the state')
      .requiredOption('--state <json>', 'the state, a JSON object', jsonObject)
      .option('--branch <id>', 'a parallel branch (default: the main branch)')
      .option('--parent <checkpoint-id>', 'the previous checkpoint (default: the branch’s latest)')
      .option('--always', 'save even when the state has not changed', false),
  ).action(async (flags: SaveFlags) => {
    const session = await openEngine(context.io, { ...flags, create: true }, []);
    try {
      const result = await session.alma.checkpoint({
        runId: flags.run,
        nodeId: flags.node,
        state: flags.state,
        branchId: flags.branch ?? null,
        parentCheckpointId: flags.parent ?? null,
        skipIfUnchanged: !flags.always,
      });
      printResult(
        context,
        flags.json,
        { skipped: result.skipped, checkpoint: recordJson('checkpoint', result.checkpoint) },
        () => `${result.skipped ? 'unchanged, kept ' : 'saved '}${line(result.checkpoint)}`,
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    checkpoint
      .command('resume')
      .description('print the checkpoint to resume a run (or one branch) from, with its state')
      .requiredOption('--run <id>', 'the workflow run')
      .option('--branch <id>', 'only this branch'),
  ).action(async (flags: RunFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const found = await session.alma.resumePoint(flags.run, flags.branch ?? null);
      printResult(context, flags.json, { checkpoint: found && recordJson('checkpoint', found) }, () =>
        found
          ? `${line(found)}${JSON.stringify(found.state, null, 2)}\n`
          : `no checkpoint for run ${flags.run}\n`,
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    checkpoint
      .command('list')
      .description('print a run’s checkpoints in sequence order, every branch')
      .requiredOption('--run <id>', 'the workflow run'),
  ).action(async (flags: RunFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const all = await session.alma.checkpointsOfRun(flags.run);
      printResult(
        context,
        flags.json,
        { items: all.map((item) => recordJson('checkpoint', item)) },
        () => all.map(line).join('') || `no checkpoint for run ${flags.run}\n`,
      );
    } finally {
      await session.close();
    }
  });

  withEngineOptions(
    checkpoint
      .command('cleanup')
      .description('delete a finished run’s checkpoints but the latest ones')
      .requiredOption('--run <id>', 'the workflow run')
      .option('--keep <n>', 'latest checkpoints to keep', wholeNumber(0, 1_000_000), 1),
  ).action(async (flags: RunFlags) => {
    const session = await openEngine(context.io, flags, []);
    try {
      const deleted = await session.alma.cleanupCheckpoints(flags.run, flags.keep);
      printResult(
        context,
        flags.json,
        { deleted, kept: flags.keep },
        () => `deleted ${deleted} checkpoints of run ${flags.run}, kept the latest ${flags.keep}\n`,
      );
    } finally {
      await session.close();
    }
  });
}
