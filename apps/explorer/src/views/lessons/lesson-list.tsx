import { useState } from 'preact/hooks';
import { useSession } from '../../session/session-context.js';
import { type CursorStack, FIRST_PAGE } from '../../ui/cursor-stack.js';
import { Loaded } from '../../ui/loaded.js';
import { PagerControls } from '../../ui/pager-controls.js';
import { useAgentNames } from '../../ui/use-agent-names.js';
import { useRequest } from '../../ui/use-request.js';
import { LessonControls } from './lesson-controls.js';
import type { LessonListing } from './lesson-listings.js';
import { type LessonControlValues, lessonQueryOf } from './lesson-query.js';

/** One page at a time of a lesson kind, newest first unless sorted otherwise. */
export function LessonList<Sort extends string, Item>({
  listing,
}: {
  readonly listing: LessonListing<Sort, Item>;
}) {
  const { api, project } = useSession();
  const agents = useAgentNames();
  const [controls, setControls] = useState<LessonControlValues<Sort>>({
    agent: '',
    sort: listing.sorts[0].field,
    order: 'desc',
    limit: 25,
  });
  const [stack, setStack] = useState<CursorStack>(FIRST_PAGE);
  const query = lessonQueryOf(controls, stack);
  const page = useRequest(`${listing.kind}:${project}:${JSON.stringify(query)}`, (signal) =>
    listing.load(api, project, query, signal),
  );
  const { Table } = listing;
  return (
    <>
      <LessonControls
        values={controls}
        sorts={listing.sorts}
        agents={agents}
        onChange={(values) => {
          setControls(values);
          setStack(FIRST_PAGE);
        }}
      />
      <Loaded state={page}>
        {({ items, nextCursor }) => (
          <>
            {items.length === 0 ? (
              <p class="muted" data-testid="lessons-empty">
                {stack.length === 0 ? `No ${listing.title.toLowerCase()} yet.` : 'No more records.'}
              </p>
            ) : (
              <Table items={items} />
            )}
            <PagerControls
              label={`${listing.title} pages`}
              testId="lessons-pager"
              stack={stack}
              nextCursor={nextCursor}
              onChange={setStack}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
