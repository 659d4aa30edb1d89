import { useState } from 'preact/hooks';
import { useSession } from '../../session/session-context.js';
import { type CursorStack, FIRST_PAGE } from '../../ui/cursor-stack.js';
import { Loaded } from '../../ui/loaded.js';
import { PagerControls } from '../../ui/pager-controls.js';
import { useAgentNames } from '../../ui/use-agent-names.js';
import { useRequest } from '../../ui/use-request.js';
import { LessonControls } from './lesson-controls.js';
import type { LessonListing } from './lesson-listings.js';
import { type LessonControlValues, lessonQueryOf, lessonSearchOf } from './lesson-query.js';
import { LessonSearchBox } from './lesson-search-box.js';

/**
 * One page at a time of a lesson kind, newest first unless sorted otherwise; or, with search words,
 * the best matches ranked by relevance (one page, no sort).
 */
export function LessonList<Sort extends string, Item>({
  listing,
}: {
  readonly listing: LessonListing<Sort, Item>;
}) {
  const { api, project } = useSession();
  const agents = useAgentNames();
  const [controls, setControls] = useState<LessonControlValues<Sort>>({
    agent: '',
    search: '',
    sort: listing.sorts[0].field,
    order: 'desc',
    limit: 25,
  });
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const change = (values: LessonControlValues<Sort>) => {
    setControls(values);
    setStack(FIRST_PAGE);
  };
  const search = lessonSearchOf(controls);
  const browse = lessonQueryOf(controls, stack);
  const page = useRequest(`${listing.kind}:${project}:${JSON.stringify(search ?? browse)}`, (signal) =>
    search === null
      ? listing.load(api, project, browse, signal)
      : listing.search(api, project, search, signal),
  );
  const { Table } = listing;
  return (
    <>
      <LessonSearchBox
        applied={controls.search}
        onApply={(words) => change({ ...controls, search: words })}
      />
      <LessonControls
        values={controls}
        sorts={listing.sorts}
        agents={agents}
        ranked={search !== null}
        onChange={change}
      />
      <Loaded state={page}>
        {({ items, nextCursor }) => (
          <>
            {search !== null && (
              <p role="status" class="muted" data-testid="lessons-search-summary">
                {items.length === 0
                  ? `No ${listing.title.toLowerCase()} hold every word of “${search.q}”.`
                  : `${items.length} ${items.length === 1 ? 'match' : 'matches'} for “${search.q}”, most relevant first.`}
              </p>
            )}
            {items.length === 0 ? (
              search === null && (
                <p class="muted" data-testid="lessons-empty">
                  {stack.length === 0 ? `No ${listing.title.toLowerCase()} yet.` : 'No more records.'}
                </p>
              )
            ) : (
              <Table items={items} />
            )}
            {search === null && (
              <PagerControls
                label={`${listing.title} pages`}
                testId="lessons-pager"
                stack={stack}
                nextCursor={nextCursor}
                onChange={setStack}
              />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
