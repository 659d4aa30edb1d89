import { hrefOf, LESSON_KINDS } from '../../routing/app-routes.js';

/** A memory's id, linked to its record page when the explorer has one for its collection. */
export function MemoryId({ id, collection }: { readonly id: string; readonly collection: string }) {
  const kind = LESSON_KINDS.find((lessonKind) => lessonKind === collection);
  if (kind === undefined) return <code>{id}</code>;
  return (
    <a href={hrefOf({ view: 'record', kind, id })}>
      <code>{id}</code>
    </a>
  );
}
