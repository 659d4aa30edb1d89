import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { type EngineFlags, fraction, positiveNumber, withEngineOptions } from '../option-parsers.js';
import { openEngine } from '../store-session.js';

interface ForgetFlags extends EngineFlags {
  readonly outcomesOlderThan?: number;
  readonly heuristicsBelow?: number;
  readonly knowledgeUnverifiedFor?: number;
  readonly antiPatternsUnseenFor?: number;
  readonly agent?: string;
  readonly dryRun: boolean;
}

/** `alma forget`: deletes what a forgetting policy names, one filtered delete per kind. */
export function registerForgetCommand(program: Command, context: CommandContext): void {
  withEngineOptions(
    program
      .command('forget')
      .description('delete old or weak memories of a project by policy (at least one rule)')
      .option('--outcomes-older-than <days>', 'outcomes older than this', positiveNumber)
      .option('--heuristics-below <confidence>', 'heuristics whose confidence is below this', fraction)
      .option('--knowledge-unverified-for <days>', 'facts not verified for this long', positiveNumber)
      .option('--anti-patterns-unseen-for <days>', 'anti-patterns not seen for this long', positiveNumber)
      .option('--agent <name>', 'only this agent’s memories')
      .option('--dry-run', 'count what the policy would delete, delete nothing', false),
  ).action(async (flags: ForgetFlags) => {
    const session = await openEngine(context.io, flags, flags.agent ? [flags.agent] : []);
    try {
      const report = await session.alma.forget({
        ...(flags.outcomesOlderThan === undefined ? {} : { outcomesOlderThanDays: flags.outcomesOlderThan }),
        ...(flags.heuristicsBelow === undefined ? {} : { heuristicsBelowConfidence: flags.heuristicsBelow }),
        ...(flags.knowledgeUnverifiedFor === undefined
          ? {}
          : { knowledgeUnverifiedForDays: flags.knowledgeUnverifiedFor }),
        ...(flags.antiPatternsUnseenFor === undefined
          ? {}
          : { antiPatternsUnseenForDays: flags.antiPatternsUnseenFor }),
        ...(flags.agent ? { agent: flags.agent } : {}),
        dryRun: flags.dryRun,
      });
      printResult(
        context,
        flags.json,
        report,
        () =>
          `${report.dryRun ? 'would forget' : 'forgot'} ${report.total}: ${report.outcomes} outcomes, ${report.heuristics} heuristics, ${report.domainKnowledge} facts, ${report.antiPatterns} anti-patterns\n`,
      );
    } finally {
      await session.close();
    }
  });
}
