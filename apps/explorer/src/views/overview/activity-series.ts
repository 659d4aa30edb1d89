import type { Schema } from '../../api/api-types.js';

export type Activity = Schema<'Activity'>;

/** One agent's days, each series with a value (0 when nothing happened) for every day. */
export interface AgentActivity {
  readonly agent: string;
  /** `YYYY-MM-DD`, oldest first, from `from` to `to` inclusive. */
  readonly days: readonly string[];
  readonly successes: readonly number[];
  readonly failures: readonly number[];
  readonly heuristics: readonly number[];
  readonly antiPatterns: readonly number[];
}

const DAY_MS = 86_400_000;
/** More days than any window the server answers for: a malformed range cannot run away. */
const MAX_DAYS = 366;

/** Every UTC calendar day from `from` to `to`, both included; either may be a date or an instant. */
export function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(from.slice(0, 10));
  const end = Date.parse(to.slice(0, 10));
  if (Number.isNaN(start) || Number.isNaN(end)) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < MAX_DAYS; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The activity per agent, agents by name, each day of the window filled in. */
export function activityByAgent(activity: Activity): AgentActivity[] {
  const days = daysBetween(activity.from, activity.to);
  const index = new Map(days.map((day, i) => [day, i]));
  const agents = new Map<
    string,
    { successes: number[]; failures: number[]; heuristics: number[]; antiPatterns: number[] }
  >();
  const seriesOf = (agent: string) => {
    let series = agents.get(agent);
    if (!series) {
      const zeros = () => days.map(() => 0);
      series = { successes: zeros(), failures: zeros(), heuristics: zeros(), antiPatterns: zeros() };
      agents.set(agent, series);
    }
    return series;
  };
  for (const row of activity.outcomes) {
    const i = index.get(row.date);
    if (i === undefined) continue;
    const series = seriesOf(row.agent);
    series.successes[i] = (series.successes[i] ?? 0) + row.successes;
    series.failures[i] = (series.failures[i] ?? 0) + row.failures;
  }
  for (const row of activity.lessons) {
    const i = index.get(row.date);
    if (i === undefined) continue;
    const series = seriesOf(row.agent);
    series.heuristics[i] = (series.heuristics[i] ?? 0) + row.heuristics;
    series.antiPatterns[i] = (series.antiPatterns[i] ?? 0) + row.antiPatterns;
  }
  return [...agents.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agent, series]) => ({ agent, days, ...series }));
}

/** A day as uPlot's x value: seconds since the epoch at UTC midnight. */
export function epochSecondsOf(day: string): number {
  return Date.parse(day) / 1000;
}
