import type { MemoryKind } from '@alma/core';
import { RETRIEVAL_MODES, type RetrievalMode } from '@alma/engine';
import { type Command, InvalidArgumentError } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { memoryKindArgument } from '../kind-names.js';
import { type EngineFlags, wholeNumber, withEngineOptions } from '../option-parsers.js';
import { sliceSummary } from '../slice-output.js';
import { openEngine } from '../store-session.js';

interface RetrieveFlags extends EngineFlags {
  readonly agent: string;
  readonly user?: string;
  readonly topK?: number;
  readonly mode?: RetrievalMode;
  readonly kind?: MemoryKind[];
  readonly maxTokens?: number;
}

function mode(value: string): RetrievalMode {
  if (!(RETRIEVAL_MODES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${RETRIEVAL_MODES.join(', ')}`);
  }
  return value as RetrievalMode;
}

/** `alma retrieve`: the memory slice an agent is handed before a task, rendered as its prompt block. */
export function registerRetrieveCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('retrieve')
      .description('print the memories most useful for a task, as the agent receives them before it starts')
      .argument('<task>', 'the task the agent is about to do')
      .requiredOption('--agent <name>', 'the agent that will do it (its scope decides what it may read)')
      .option('--user <id>', 'include this user’s preferences')
      .option('--top-k <n>', 'memories per kind', wholeNumber(1, 100))
      .option('--mode <mode>', `retrieval preset: ${RETRIEVAL_MODES.join(', ')}`, mode)
      .option('--kind <kind>', 'only this kind, repeatable', (value: string, previous: MemoryKind[] = []) => [
        ...previous,
        memoryKindArgument(value),
      ])
      .option('--max-tokens <n>', 'budget of the rendered block', wholeNumber(16, 1_000_000)),
  ).action(async (task: string, flags: RetrieveFlags) => {
    const session = await openEngine(context.io, flags, [flags.agent]);
    try {
      const { alma } = session;
      const slice = await alma.retrieve(task, flags.agent, {
        ...(flags.user ? { userId: flags.user } : {}),
        ...(flags.topK ? { topK: flags.topK } : {}),
        ...(flags.mode ? { mode: flags.mode } : {}),
        ...(flags.kind ? { kinds: flags.kind } : {}),
      });
      const prompt = alma.renderPrompt(slice, flags.maxTokens);
      printResult(context, flags.json, { ...sliceSummary(slice), prompt }, () =>
        prompt === '' ? 'no memories match yet\n' : `${prompt}\n`,
      );
    } finally {
      await session.close();
    }
  });
}
