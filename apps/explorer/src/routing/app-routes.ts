/** The kinds whose records the explorer lists, shows and edits, by their URL segment. */
export const LESSON_KINDS = ['heuristics', 'anti-patterns'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/** Every screen of the app; the hash of the URL names one (`#/record/heuristics/<id>`). */
export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'lessons'; readonly kind: LessonKind }
  | { readonly view: 'record'; readonly kind: LessonKind; readonly id: string }
  | { readonly view: 'retrieve' }
  | { readonly view: 'forget' }
  | { readonly view: 'workflows' }
  | { readonly view: 'health' };

export const DEFAULT_ROUTE: Route = { view: 'overview' };

const SIMPLE_VIEWS = ['overview', 'retrieve', 'forget', 'workflows', 'health'] as const;

function isLessonKind(segment: string | undefined): segment is LessonKind {
  return LESSON_KINDS.some((kind) => kind === segment);
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route a location hash names; null for a hash that names none. */
export function parseRoute(hash: string): Route | null {
  if (!hash.startsWith('#/')) return null;
  const segments = hash.slice(2).split('/').map(decodeSegment);
  if (segments.includes(null)) return null;
  const [view, kind, id] = segments as string[];
  const simple = SIMPLE_VIEWS.find((name) => name === view);
  if (simple !== undefined && segments.length === 1) return { view: simple };
  if (view === 'lessons' && isLessonKind(kind) && segments.length === 2) return { view, kind };
  if (view === 'record' && isLessonKind(kind) && id !== undefined && id !== '' && segments.length === 3) {
    return { view, kind, id };
  }
  return null;
}

/** The hash of a route; `parseRoute(hrefOf(route))` is the route. */
export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'lessons':
      return `#/lessons/${route.kind}`;
    case 'record':
      return `#/record/${route.kind}/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.view}`;
  }
}
