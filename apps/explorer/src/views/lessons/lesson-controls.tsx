import { type LessonControlValues, PAGE_SIZES } from './lesson-query.js';

/** Filter, sort, order and page size of a lesson list; a ranked (searched) list has no sort. */
export function LessonControls<Sort extends string>({
  values,
  sorts,
  agents,
  ranked,
  onChange,
}: {
  readonly values: LessonControlValues<Sort>;
  readonly sorts: readonly { readonly field: Sort; readonly label: string }[];
  readonly agents: readonly string[];
  readonly ranked: boolean;
  readonly onChange: (values: LessonControlValues<Sort>) => void;
}) {
  return (
    <fieldset class="controls">
      <legend>Show</legend>
      <label class="inline-field">
        <span>Agent</span>
        <select
          data-testid="lessons-agent"
          value={values.agent}
          onChange={(event) => onChange({ ...values, agent: event.currentTarget.value })}
        >
          <option value="">All agents</option>
          {agents.map((agent) => (
            <option key={agent} value={agent}>
              {agent}
            </option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        <span>Sort by</span>
        <select
          data-testid="lessons-sort"
          value={values.sort}
          disabled={ranked}
          onChange={(event) => {
            const value = event.currentTarget.value;
            const sort = sorts.find(({ field }) => field === value);
            if (sort) onChange({ ...values, sort: sort.field });
          }}
        >
          {sorts.map(({ field, label }) => (
            <option key={field} value={field}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        <span>Order</span>
        <select
          data-testid="lessons-order"
          value={values.order}
          disabled={ranked}
          onChange={(event) =>
            onChange({ ...values, order: event.currentTarget.value === 'asc' ? 'asc' : 'desc' })
          }
        >
          <option value="desc">Descending</option>
          <option value="asc">Ascending</option>
        </select>
      </label>
      <label class="inline-field">
        <span>{ranked ? 'Matches' : 'Per page'}</span>
        <select
          data-testid="lessons-page-size"
          value={String(values.limit)}
          onChange={(event) => onChange({ ...values, limit: Number(event.currentTarget.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={String(size)}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
