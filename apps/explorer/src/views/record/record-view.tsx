import { useState } from 'preact/hooks';
import { hrefOf, type LessonKind } from '../../routing/app-routes.js';
import { navigate } from '../../routing/use-route.js';
import { useSession } from '../../session/session-context.js';
import { Loaded } from '../../ui/loaded.js';
import { useRequest } from '../../ui/use-request.js';
import { deleteLesson, getLesson, type Lesson, updateLesson } from '../lessons/lesson-api.js';
import { DeleteControl } from './delete-control.js';
import { ANTI_PATTERN_FIELDS, antiPatternEditOf, HEURISTIC_FIELDS, heuristicEditOf } from './edit-fields.js';
import { LessonEditForm } from './lesson-edit-form.js';
import { LineageTable } from './lineage-table.js';
import { RecordFields } from './record-fields.js';

const NAMES: Readonly<
  Record<LessonKind, { readonly one: string; readonly title: string; readonly list: string }>
> = {
  heuristics: { one: 'heuristic', title: 'Heuristic', list: 'heuristics' },
  'anti-patterns': { one: 'anti-pattern', title: 'Anti-pattern', list: 'anti-patterns' },
};

/** One heuristic or anti-pattern: its fields, an edit form, deletion, and the outcomes behind it. */
export function RecordView({ kind, id }: { readonly kind: LessonKind; readonly id: string }) {
  const { api, project } = useSession();
  const loaded = useRequest(`record:${project}:${kind}:${id}`, (signal) =>
    getLesson(api, project, kind, id, signal),
  );
  // A save answers the updated record; it replaces the loaded one without another request.
  const [saved, setSaved] = useState<Lesson | null>(null);
  return (
    <section aria-labelledby="record-title">
      <p>
        <a href={hrefOf({ view: 'lessons', kind })} data-testid="record-back">
          Back to {NAMES[kind].list}
        </a>
      </p>
      <h2 id="record-title">
        {NAMES[kind].title} <code>{id}</code>
      </h2>
      <Loaded state={loaded}>
        {(initial) => {
          const lesson = saved ?? initial;
          return (
            <>
              <div class="columns">
                <section aria-labelledby="fields-title">
                  <h3 id="fields-title">Fields</h3>
                  <RecordFields record={lesson.record} />
                </section>
                <section aria-labelledby="edit-title">
                  <h3 id="edit-title">Edit</h3>
                  {lesson.kind === 'heuristics' ? (
                    <LessonEditForm
                      fields={HEURISTIC_FIELDS}
                      values={heuristicEditOf(lesson.record)}
                      onSave={async (patch) =>
                        setSaved(await updateLesson(api, project, id, { kind: lesson.kind, patch }))
                      }
                    />
                  ) : (
                    <LessonEditForm
                      fields={ANTI_PATTERN_FIELDS}
                      values={antiPatternEditOf(lesson.record)}
                      onSave={async (patch) =>
                        setSaved(await updateLesson(api, project, id, { kind: lesson.kind, patch }))
                      }
                    />
                  )}
                  <h3>Delete</h3>
                  <DeleteControl
                    what={NAMES[kind].one}
                    onDelete={async () => {
                      await deleteLesson(api, project, kind, id);
                      navigate({ view: 'lessons', kind });
                    }}
                  />
                </section>
              </div>
              <LineageTable kind={kind} id={id} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
