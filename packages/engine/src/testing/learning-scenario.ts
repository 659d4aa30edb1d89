import type { AlmaConfigInput } from '../engine-config.js';
import type { LearnInput } from '../outcome-learning.js';
import { STRATEGIES } from './engine-fixtures.js';

const AGENTS = 10;
const ROUNDS = 25;
const MODULES = ['billing', 'invoices', 'accounts', 'search', 'auth', 'reports', 'checkout'] as const;

/** One stream of outcomes: an agent using one strategy family for one task type, with a fixed success rhythm. */
interface Stream {
  readonly taskType: 'refactor' | 'deploy';
  readonly family: keyof typeof STRATEGIES;
  /** Good streams succeed 4 rounds in 5, bad ones fail 4 rounds in 5. */
  readonly good: boolean;
  readonly task: (module: string) => string;
  readonly error: string;
}

const STREAMS: readonly Stream[] = [
  {
    taskType: 'refactor',
    family: 'smallSteps',
    good: true,
    task: (m) => `refactor the ${m} module`,
    error: 'a test failed',
  },
  {
    taskType: 'refactor',
    family: 'bigBang',
    good: false,
    task: (m) => `restructure the ${m} module`,
    error: 'half the tests broke',
  },
  {
    taskType: 'deploy',
    family: 'canary',
    good: true,
    task: (m) => `deploy the ${m} service`,
    error: 'the canary was unhealthy',
  },
  {
    taskType: 'deploy',
    family: 'restartAll',
    good: false,
    task: (m) => `release the ${m} service`,
    error: 'the service went down',
  },
];

export const SCENARIO_AGENT_NAMES = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);

/** Ten agents that may learn refactor and deploy; each odd agent reads the even agent before it. */
export function scenarioAgents(): AlmaConfigInput['agents'] {
  return Object.fromEntries(
    SCENARIO_AGENT_NAMES.map((agent, i) => [
      agent,
      {
        canLearn: ['refactor', 'deploy'],
        ...(i % 2 === 0
          ? { shareWith: [SCENARIO_AGENT_NAMES[i + 1]!] }
          : { inheritFrom: [SCENARIO_AGENT_NAMES[i - 1]!] }),
      },
    ]),
  );
}

export interface ScenarioStep {
  readonly round: number;
  readonly input: LearnInput;
}

/** 1,000 outcomes: 25 rounds × 10 agents × 4 streams, phrasings rotating, modules varying. */
export function scenarioSteps(): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const agent of SCENARIO_AGENT_NAMES) {
      for (const stream of STREAMS) {
        const success = stream.good ? round % 5 !== 4 : round % 5 === 4;
        steps.push({
          round,
          input: {
            agent,
            taskType: stream.taskType,
            taskDescription: stream.task(MODULES[round % MODULES.length]!),
            success,
            strategyUsed: STRATEGIES[stream.family][round % 3]!,
            ...(success ? {} : { errorMessage: stream.error }),
          },
        });
      }
    }
  }
  return steps;
}

export interface ExpectedLesson {
  readonly agent: string;
  readonly taskType: string;
  readonly family: keyof typeof STRATEGIES;
  readonly occurrenceCount: number;
  readonly successCount: number;
}

/**
 * What learning must end with, read off the plan: one heuristic per good stream holding all its
 * outcomes, one anti-pattern per bad stream counting all its failures, nothing else.
 */
export function expectedLessons(): { heuristics: ExpectedLesson[]; antiPatterns: ExpectedLesson[] } {
  const heuristics: ExpectedLesson[] = [];
  const antiPatterns: ExpectedLesson[] = [];
  const steps = scenarioSteps();
  for (const agent of SCENARIO_AGENT_NAMES) {
    for (const stream of STREAMS) {
      const mine = steps.filter(
        ({ input }) =>
          input.agent === agent && STRATEGIES[stream.family].some((s) => s === input.strategyUsed),
      );
      const successes = mine.filter(({ input }) => input.success).length;
      const lesson = { agent, taskType: stream.taskType, family: stream.family };
      if (stream.good) heuristics.push({ ...lesson, occurrenceCount: mine.length, successCount: successes });
      else antiPatterns.push({ ...lesson, occurrenceCount: mine.length - successes, successCount: 0 });
    }
  }
  return { heuristics, antiPatterns };
}
