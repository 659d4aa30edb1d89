import type { FunctionComponent } from 'preact';
import type { ApiClient } from '../../api/api-client.js';
import type { LessonKind } from '../../routing/app-routes.js';
import { AntiPatternsTable } from './anti-patterns-table.js';
import { HeuristicsTable } from './heuristics-table.js';
import {
  type AntiPattern,
  type AntiPatternSort,
  type Heuristic,
  type HeuristicSort,
  type LessonPage,
  type LessonQuery,
  type LessonSearch,
  listAntiPatterns,
  listHeuristics,
  searchAntiPatterns,
  searchHeuristics,
} from './lesson-api.js';

/** What differs between the heuristics' and the anti-patterns' lists. */
export interface LessonListing<Sort extends string, Item> {
  readonly kind: LessonKind;
  readonly title: string;
  /** The orderable fields, the default (creation time) first. */
  readonly sorts: readonly [
    { readonly field: Sort; readonly label: string },
    ...{ readonly field: Sort; readonly label: string }[],
  ];
  load(
    api: ApiClient,
    projectId: string,
    query: LessonQuery<Sort>,
    signal: AbortSignal,
  ): Promise<LessonPage<Item>>;
  search(
    api: ApiClient,
    projectId: string,
    query: LessonSearch,
    signal: AbortSignal,
  ): Promise<LessonPage<Item>>;
  readonly Table: FunctionComponent<{ readonly items: readonly Item[] }>;
}

export const HEURISTICS_LISTING: LessonListing<HeuristicSort, Heuristic> = {
  kind: 'heuristics',
  title: 'Heuristics',
  sorts: [
    { field: 'createdAt', label: 'Created' },
    { field: 'updatedAt', label: 'Updated' },
    { field: 'confidence', label: 'Confidence' },
    { field: 'occurrenceCount', label: 'Occurrences' },
    { field: 'successCount', label: 'Successes' },
    { field: 'successRate', label: 'Success rate' },
    { field: 'lastValidated', label: 'Last validated' },
  ],
  load: listHeuristics,
  search: searchHeuristics,
  Table: HeuristicsTable,
};

export const ANTI_PATTERNS_LISTING: LessonListing<AntiPatternSort, AntiPattern> = {
  kind: 'anti-patterns',
  title: 'Anti-patterns',
  sorts: [
    { field: 'createdAt', label: 'Created' },
    { field: 'updatedAt', label: 'Updated' },
    { field: 'occurrenceCount', label: 'Occurrences' },
    { field: 'lastSeen', label: 'Last seen' },
  ],
  load: listAntiPatterns,
  search: searchAntiPatterns,
  Table: AntiPatternsTable,
};
