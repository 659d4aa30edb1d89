import { MEMORY_KINDS } from '@alma/core';
import { itNeeding } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import type { Alma } from '../../alma.js';
import type { MemorySlice } from '../../memory-slice.js';
import { allOf, STRATEGIES } from '../engine-fixtures.js';
import type { EngineSpecContext, OpenedEngine } from '../engine-spec-context.js';
import { expectRanking } from '../expect-ranking.js';
import {
  expectedLessons,
  SCENARIO_AGENT_NAMES,
  scenarioAgents,
  scenarioSteps,
} from '../learning-scenario.js';

const HOUR_MS = 3_600_000;
const QUERIES = [
  ['refactor the billing module in small steps', 'agent-1'],
  ['deploy the checkout service safely', 'agent-4'],
  ['why did the release of the search service go down', 'agent-7'],
] as const;

async function runScenario(opened: OpenedEngine): Promise<void> {
  let round = 0;
  for (const step of scenarioSteps()) {
    if (step.round !== round) {
      opened.clock.advance(HOUR_MS);
      round = step.round;
    }
    await opened.alma.learn(step.input);
  }
}

const familyOf = (text: string) =>
  (Object.keys(STRATEGIES) as (keyof typeof STRATEGIES)[]).find((family) =>
    STRATEGIES[family].some((phrasing) => phrasing === text),
  );

/** A slice without ids and vectors, which differ between runs only by construction. */
function comparable(slice: MemorySlice) {
  return Object.fromEntries(
    MEMORY_KINDS.map((kind) => {
      const field = {
        heuristic: 'heuristics',
        outcome: 'outcomes',
        preference: 'preferences',
        domainKnowledge: 'domainKnowledge',
        antiPattern: 'antiPatterns',
      }[kind] as 'heuristics';
      return [
        kind,
        slice[field].map(({ record, ...rest }) => {
          const { id: _, embedding: __, ...fields } = record;
          return { ...rest, fields };
        }),
      ];
    }),
  );
}

async function slices(alma: Alma): Promise<unknown[]> {
  const result: unknown[] = [];
  for (const [task, agent] of QUERIES) {
    for (const mode of [undefined, 'diagnostic', 'recall'] as const) {
      result.push(comparable(await alma.retrieve(task, agent, mode ? { mode } : {})));
    }
  }
  return result;
}

/** A thousand learns and their retrievals: generous, since a shared CI machine may be slow. */
const SCENARIO_TIMEOUT = 180_000;

export function scenarioSpec(context: EngineSpecContext): void {
  const options = { config: { agents: scenarioAgents() } };

  describe('scripted scenario: 10 agents, 1,000 outcomes', () => {
    it(
      'learns exactly the expected heuristics and anti-patterns, and ranks them as the scoring says',
      async () => {
        const opened = await context.open(options);
        await runScenario(opened);
        const { alma, clock } = opened;
        const expected = expectedLessons();
        const lessonsOf = async (kind: 'heuristic' | 'antiPattern') =>
          (await allOf(alma, kind))
            .map((lesson) => ({
              agent: lesson.agent,
              taskType: lesson.metadata.taskType,
              family: familyOf(
                kind === 'heuristic'
                  ? (lesson as { strategy: string }).strategy
                  : (lesson as { pattern: string }).pattern,
              ),
              occurrenceCount: lesson.occurrenceCount,
              successCount: kind === 'heuristic' ? (lesson as { successCount: number }).successCount : 0,
            }))
            .sort((a, b) => `${a.agent}${a.family}`.localeCompare(`${b.agent}${b.family}`));
        const byAgentFamily = (a: { agent: string; family: string }, b: { agent: string; family: string }) =>
          `${a.agent}${a.family}`.localeCompare(`${b.agent}${b.family}`);
        expect(await lessonsOf('heuristic')).toEqual(expected.heuristics.sort(byAgentFamily));
        expect(await lessonsOf('antiPattern')).toEqual(expected.antiPatterns.sort(byAgentFamily));
        expect(expected.heuristics).toHaveLength(20);
        expect(expected.antiPatterns).toHaveLength(20);
        for (const heuristic of await allOf(alma, 'heuristic')) {
          expect(heuristic.confidence).toBeCloseTo(heuristic.successCount / heuristic.occurrenceCount, 12);
        }
        expect((await alma.stats()).counts).toMatchObject({ outcome: 1_000, heuristic: 20, antiPattern: 20 });

        for (const [task, agent] of QUERIES) {
          const index = SCENARIO_AGENT_NAMES.indexOf(agent);
          const agents = index % 2 === 1 ? [agent, SCENARIO_AGENT_NAMES[index - 1]!] : [agent];
          const slice = await alma.retrieve(task, agent);
          const expectation = {
            weights: alma.config.retrieval.weights,
            topK: 5,
            now: clock.now(),
            agents,
            reader: agent,
          };
          for (const kind of ['heuristic', 'antiPattern'] as const) {
            await expectRanking(alma, slice, kind, expectation);
          }
          expect(slice.heuristics).toHaveLength(agents.length * 2);
          expect(slice.antiPatterns).toHaveLength(agents.length * 2);
        }
      },
      SCENARIO_TIMEOUT,
    );

    itNeeding(context.harness.capabilities, { vectorSearch: 'exact' })(
      'gives exactly the slices the reference store gives (exact vector search)',
      async () => {
        const here = await context.open(options);
        const reference = await context.open({ ...options, reference: true });
        await runScenario(here);
        await runScenario(reference);
        expect(await slices(here.alma)).toEqual(await slices(reference.alma));
      },
      SCENARIO_TIMEOUT,
    );
  });
}
