import { unwrap } from '../../api/api-call.js';
import type { ApiClient } from '../../api/api-client.js';
import type { Schema } from '../../api/api-types.js';
import type { paths } from '../../api/openapi.js';
import type { LessonKind } from '../../routing/app-routes.js';

export type Heuristic = Schema<'Heuristic'>;
export type AntiPattern = Schema<'AntiPattern'>;
export type Outcome = Schema<'Outcome'>;

/** A heuristic or an anti-pattern, with the collection it belongs to. */
export type Lesson =
  | { readonly kind: 'heuristics'; readonly record: Heuristic }
  | { readonly kind: 'anti-patterns'; readonly record: AntiPattern };

/** The fields the record page edits. */
export type HeuristicEdit = Pick<Heuristic, 'condition' | 'strategy' | 'confidence'>;
export type AntiPatternEdit = Pick<AntiPattern, 'pattern' | 'whyBad' | 'betterAlternative'>;

export type LessonPatch =
  | { readonly kind: 'heuristics'; readonly patch: Partial<HeuristicEdit> }
  | { readonly kind: 'anti-patterns'; readonly patch: Partial<AntiPatternEdit> };

type ListQueryOf<Path extends keyof paths> = paths[Path] extends {
  get: { parameters: { query?: infer Query } };
}
  ? NonNullable<Query>
  : never;
export type HeuristicSort = NonNullable<ListQueryOf<'/v1/projects/{projectId}/heuristics'>['sort']>;
export type AntiPatternSort = NonNullable<ListQueryOf<'/v1/projects/{projectId}/anti-patterns'>['sort']>;

/** A page request of a lesson list: always sorted and ordered; agent and cursor when given. */
export interface LessonQuery<Sort extends string> {
  readonly limit: number;
  readonly order: 'asc' | 'desc';
  readonly sort: Sort;
  readonly agent?: string;
  readonly cursor?: string;
}

/** A text search of a lesson list: the most relevant matches, up to `limit`, of one agent or all. */
export interface LessonSearch {
  readonly q: string;
  readonly limit: number;
  readonly agent?: string;
}

export interface LessonPage<Item> {
  readonly items: readonly Item[];
  readonly nextCursor: string | null;
}

export function listHeuristics(
  api: ApiClient,
  projectId: string,
  query: LessonQuery<HeuristicSort>,
  signal: AbortSignal,
): Promise<LessonPage<Heuristic>> {
  return unwrap(
    api.GET('/v1/projects/{projectId}/heuristics', { params: { path: { projectId }, query }, signal }),
  );
}

export function listAntiPatterns(
  api: ApiClient,
  projectId: string,
  query: LessonQuery<AntiPatternSort>,
  signal: AbortSignal,
): Promise<LessonPage<AntiPattern>> {
  return unwrap(
    api.GET('/v1/projects/{projectId}/anti-patterns', { params: { path: { projectId }, query }, signal }),
  );
}

/** Search answers have no next page: they are the best matches, best first. */
const onePage = <Item>({
  hits,
}: {
  readonly hits: readonly { readonly record: Item }[];
}): LessonPage<Item> => ({
  items: hits.map(({ record }) => record),
  nextCursor: null,
});

export async function searchHeuristics(
  api: ApiClient,
  projectId: string,
  query: LessonSearch,
  signal: AbortSignal,
): Promise<LessonPage<Heuristic>> {
  return onePage(
    await unwrap(
      api.GET('/v1/projects/{projectId}/heuristics/search', {
        params: { path: { projectId }, query },
        signal,
      }),
    ),
  );
}

export async function searchAntiPatterns(
  api: ApiClient,
  projectId: string,
  query: LessonSearch,
  signal: AbortSignal,
): Promise<LessonPage<AntiPattern>> {
  return onePage(
    await unwrap(
      api.GET('/v1/projects/{projectId}/anti-patterns/search', {
        params: { path: { projectId }, query },
        signal,
      }),
    ),
  );
}

export async function getLesson(
  api: ApiClient,
  projectId: string,
  kind: LessonKind,
  id: string,
  signal: AbortSignal,
): Promise<Lesson> {
  const params = { path: { projectId, id } };
  return kind === 'heuristics'
    ? { kind, record: await unwrap(api.GET('/v1/projects/{projectId}/heuristics/{id}', { params, signal })) }
    : {
        kind,
        record: await unwrap(api.GET('/v1/projects/{projectId}/anti-patterns/{id}', { params, signal })),
      };
}

export async function updateLesson(
  api: ApiClient,
  projectId: string,
  id: string,
  edit: LessonPatch,
): Promise<Lesson> {
  const params = { path: { projectId, id } };
  return edit.kind === 'heuristics'
    ? {
        kind: edit.kind,
        record: await unwrap(
          api.PATCH('/v1/projects/{projectId}/heuristics/{id}', { params, body: edit.patch }),
        ),
      }
    : {
        kind: edit.kind,
        record: await unwrap(
          api.PATCH('/v1/projects/{projectId}/anti-patterns/{id}', { params, body: edit.patch }),
        ),
      };
}

export async function deleteLesson(
  api: ApiClient,
  projectId: string,
  kind: LessonKind,
  id: string,
): Promise<void> {
  const params = { path: { projectId, id } };
  await (kind === 'heuristics'
    ? unwrap(api.DELETE('/v1/projects/{projectId}/heuristics/{id}', { params }))
    : unwrap(api.DELETE('/v1/projects/{projectId}/anti-patterns/{id}', { params })));
}

/** Outcomes per lineage page. */
const LINEAGE_PAGE = 50;

/** The outcomes a lesson was learnt from, a page at a time (newest first). */
export async function lessonLineage(
  api: ApiClient,
  projectId: string,
  kind: LessonKind,
  id: string,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<LessonPage<Outcome>> {
  const params = { path: { projectId, id }, query: { limit: LINEAGE_PAGE, ...(cursor ? { cursor } : {}) } };
  const { outcomes, nextCursor } = await (kind === 'heuristics'
    ? unwrap(api.GET('/v1/projects/{projectId}/heuristics/{id}/lineage', { params, signal }))
    : unwrap(api.GET('/v1/projects/{projectId}/anti-patterns/{id}/lineage', { params, signal })));
  return { items: outcomes, nextCursor };
}
