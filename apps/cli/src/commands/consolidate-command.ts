import { CONSOLIDATED_KINDS, type ConsolidatedKind } from '@alma/engine';
import { type Command, InvalidArgumentError } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { kindArgument } from '../kind-names.js';
import { type EngineFlags, fraction, withEngineOptions } from '../option-parsers.js';
import { openEngine } from '../store-session.js';

interface ConsolidateFlags extends EngineFlags {
  readonly agent: string;
  readonly kind: ConsolidatedKind;
  readonly threshold: number;
  readonly dryRun: boolean;
  readonly llm: boolean;
}

function consolidatedKind(value: string): ConsolidatedKind {
  const kind = kindArgument(value);
  if (!(CONSOLIDATED_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidArgumentError('expected heuristics, knowledge or anti-patterns');
  }
  return kind as ConsolidatedKind;
}

/** `alma consolidate`: merges an agent's near-duplicate memories, archiving the merged ones. */
export function registerConsolidateCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('consolidate')
      .description('merge an agent’s near-duplicate memories into one each; the merged go to the archive')
      .requiredOption('--agent <name>', 'whose memories')
      .option('--kind <kind>', 'heuristics, knowledge or anti-patterns', consolidatedKind, 'heuristic')
      .option('--threshold <similarity>', 'cosine similarity from which memories are one', fraction, 0.85)
      .option('--dry-run', 'print the groups that would merge, change nothing', false)
      .option('--llm', 'let the configuration’s chat model (consolidation.llm) write the merged text', false),
  ).action(async (flags: ConsolidateFlags) => {
    const session = await openEngine(context.io, flags, [flags.agent]);
    try {
      const report = await session.alma.consolidate({
        agent: flags.agent,
        kind: flags.kind,
        similarityThreshold: flags.threshold,
        dryRun: flags.dryRun,
        useLlm: flags.llm,
      });
      printResult(context, flags.json, report, () =>
        [
          `${report.dryRun ? 'would merge' : 'merged'} ${report.mergedCount} of ${report.memoriesProcessed} ${flags.kind} memories in ${report.groups.length} groups`,
          ...report.groups.map(
            (group) =>
              `  keep ${group.keptId} ← ${group.mergedIds.join(', ')} (similarity ≥ ${group.similarity.toFixed(3)})`,
          ),
          '',
        ].join('\n'),
      );
    } finally {
      await session.close();
    }
  });
}
