import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { type EngineFlags, metadataEntry, wholeNumber, withEngineOptions } from '../option-parsers.js';
import { openEngine } from '../store-session.js';

interface LearnFlags extends EngineFlags {
  readonly agent: string;
  readonly taskType: string;
  readonly task: string;
  readonly strategy: string;
  readonly success?: boolean;
  readonly durationMs?: number;
  readonly error?: string;
  readonly feedback?: string;
  readonly metadata?: Record<string, string | number | boolean>;
}

/** `alma learn`: an agent reports an outcome; agreeing outcomes become heuristics, repeated failures anti-patterns. */
export function registerLearnCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('learn')
      .description('record a task outcome; enough similar outcomes become a heuristic or an anti-pattern')
      .requiredOption('--agent <name>', 'the agent that did the task')
      .requiredOption('--task-type <type>', 'category learning groups by, e.g. deploy')
      .requiredOption('--task <text>', 'what the task was')
      .requiredOption('--strategy <text>', 'the strategy used')
      .option('--success', 'the task succeeded')
      .option('--failure', 'the task failed')
      .option('--duration-ms <n>', 'how long it took', wholeNumber(0, Number.MAX_SAFE_INTEGER))
      .option('--error <message>', 'the error, for a failure')
      .option('--feedback <text>', 'what the user said about it')
      .option('--metadata <key=value>', 'metadata, repeatable', metadataEntry),
  ).action(async (flags: LearnFlags & { failure?: boolean }, command: Command) => {
    if (flags.success === flags.failure) command.error('error: give exactly one of --success and --failure');
    const session = await openEngine(context.io, { ...flags, create: true }, [flags.agent]);
    try {
      const result = await session.alma.learn({
        agent: flags.agent,
        taskType: flags.taskType,
        taskDescription: flags.task,
        success: flags.success === true,
        strategyUsed: flags.strategy,
        durationMs: flags.durationMs ?? null,
        errorMessage: flags.error ?? null,
        userFeedback: flags.feedback ?? null,
        ...(flags.metadata ? { metadata: flags.metadata } : {}),
      });
      const summary = {
        outcome: result.outcome.id,
        heuristic: result.heuristic && { action: result.heuristic.action, id: result.heuristic.record.id },
        antiPattern: result.antiPattern && {
          action: result.antiPattern.action,
          id: result.antiPattern.record.id,
        },
      };
      printResult(context, flags.json, summary, () =>
        [
          `outcome ${result.outcome.id} recorded`,
          ...(result.heuristic
            ? [
                `heuristic ${result.heuristic.action}: ${result.heuristic.record.strategy} (confidence ${result.heuristic.record.confidence.toFixed(2)})`,
              ]
            : []),
          ...(result.antiPattern
            ? [`anti-pattern ${result.antiPattern.action}: ${result.antiPattern.record.pattern}`]
            : []),
          '',
        ].join('\n'),
      );
    } finally {
      await session.close();
    }
  });
}
