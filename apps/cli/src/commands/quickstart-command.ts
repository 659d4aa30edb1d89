import { KINDS } from '@alma/core';
import type { LearnResult } from '@alma/engine';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { JSON_HELP, STORE_FLAGS, STORE_HELP } from '../option-parsers.js';
import {
  QUICKSTART_AGENT,
  QUICKSTART_AGENTS,
  QUICKSTART_KNOWLEDGE,
  QUICKSTART_OUTCOMES,
  QUICKSTART_PREFERENCES,
  QUICKSTART_PROJECT,
  QUICKSTART_ROLLBACK,
  QUICKSTART_TASK,
  QUICKSTART_USER,
} from '../quickstart-scenario.js';
import { sliceSummary } from '../slice-output.js';
import { openEngine } from '../store-session.js';

/** `alma quickstart`: the first command a user runs (the README's). */
export function registerQuickstartCommand(program: Command, context: CommandContext): void {
  program
    .command('quickstart')
    .description(
      'learn from a deploy agent’s outcomes in the embedded store, then retrieve what it should know for a new task',
    )
    .option(STORE_FLAGS, STORE_HELP)
    .option('--json', JSON_HELP, false)
    .action((options: { store?: string; json: boolean }) => runQuickstart(context, options));
}

/**
 * Resets the demo project, learns from a short history (outcomes become a heuristic and an
 * anti-pattern), adds knowledge and preferences, then retrieves the slice for a new task and prints
 * it as the agent would receive it. Re-runnable: every run starts from the same empty project.
 */
async function runQuickstart(
  context: CommandContext,
  options: { store?: string; json: boolean },
): Promise<void> {
  const session = await openEngine(
    context.io,
    { project: QUICKSTART_PROJECT, create: true, ...options },
    [],
    {
      agents: QUICKSTART_AGENTS,
      learning: { minOccurrences: 3, antiPatternMinFailures: 2 },
    },
  );
  try {
    const { alma } = session;
    for (const kind of KINDS) await alma.store.kind(kind).deleteWhere({ projectId: QUICKSTART_PROJECT });
    const learnt: LearnResult[] = [];
    for (const outcome of [...QUICKSTART_OUTCOMES, QUICKSTART_ROLLBACK])
      learnt.push(await alma.learn(outcome));
    for (const fact of QUICKSTART_KNOWLEDGE) await alma.addKnowledge(fact);
    for (const preference of QUICKSTART_PREFERENCES) await alma.addPreference(preference);
    const slice = await alma.retrieve(QUICKSTART_TASK, QUICKSTART_AGENT, { userId: QUICKSTART_USER });
    const stats = await alma.stats();
    const lessons = learnt.flatMap(lessonLines);
    printResult(
      context,
      options.json,
      {
        store: session.opened.description,
        project: QUICKSTART_PROJECT,
        lessons,
        stats,
        slice: sliceSummary(slice),
      },
      () =>
        [
          `ALMA quickstart — store: ${session.opened.description}, project '${QUICKSTART_PROJECT}'`,
          '',
          `1. ${QUICKSTART_AGENT} reported ${learnt.length} outcomes; ALMA learnt:`,
          ...lessons.map((lesson) => `   - ${lesson}`),
          `2. added ${QUICKSTART_KNOWLEDGE.length} facts and ${QUICKSTART_PREFERENCES.length} preferences of user '${QUICKSTART_USER}'`,
          `   memory now: ${describeCounts(stats.counts)}`,
          '',
          `3. new task: "${QUICKSTART_TASK}"`,
          `   what ${QUICKSTART_AGENT} is handed before it starts (alma retrieve):`,
          '',
          indent(alma.renderPrompt(slice)),
          '',
          'Next: `pnpm alma --help`, `pnpm alma retrieve "<task>" --agent deploy-bot --project quickstart`, docs/cli.md',
          '',
        ].join('\n'),
    );
  } finally {
    await session.close();
  }
}

function lessonLines(result: LearnResult): string[] {
  const lines: string[] = [];
  if (result.heuristic?.action === 'created') lines.push(`heuristic: ${result.heuristic.record.strategy}`);
  if (result.antiPattern?.action === 'created') {
    lines.push(`anti-pattern: ${result.antiPattern.record.pattern} (${result.antiPattern.record.whyBad})`);
  }
  return lines;
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `   ${line}`))
    .join('\n');
}
