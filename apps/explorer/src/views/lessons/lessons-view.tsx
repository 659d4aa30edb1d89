import type { LessonKind } from '../../routing/app-routes.js';
import { LessonList } from './lesson-list.js';
import { ANTI_PATTERNS_LISTING, HEURISTICS_LISTING } from './lesson-listings.js';

/** The heuristics or the anti-patterns of the project, paged. */
export function LessonsView({ kind }: { readonly kind: LessonKind }) {
  const listing = kind === 'heuristics' ? HEURISTICS_LISTING : ANTI_PATTERNS_LISTING;
  return (
    <section aria-labelledby="lessons-title">
      <h2 id="lessons-title">{listing.title}</h2>
      {kind === 'heuristics' ? (
        <LessonList listing={HEURISTICS_LISTING} />
      ) : (
        <LessonList listing={ANTI_PATTERNS_LISTING} />
      )}
    </section>
  );
}
