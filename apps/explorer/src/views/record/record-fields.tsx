import { JsonBlock } from '../../ui/json-block.js';

const shown = (value: unknown): string => {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.join(', ') || '—';
  return String(value);
};

/** Every field of a record as the API returned it; metadata as JSON. */
export function RecordFields({ record }: { readonly record: Readonly<Record<string, unknown>> }) {
  const { metadata, ...fields } = record;
  return (
    <>
      <dl class="fields" data-testid="record-fields">
        {Object.entries(fields).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{shown(value)}</dd>
          </div>
        ))}
      </dl>
      <h4>Metadata</h4>
      <JsonBlock value={metadata ?? {}} />
    </>
  );
}
