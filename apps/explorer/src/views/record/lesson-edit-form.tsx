import { useState } from 'preact/hooks';
import { ErrorMessage } from '../../ui/error-message.js';
import { useAction } from '../../ui/use-action.js';
import { changedFields } from './changed-fields.js';
import type { EditField } from './edit-fields.js';

/** Edits a record's text fields (and a heuristic's confidence); sends only what changed. */
export function LessonEditForm<T extends Record<string, string | number>>({
  fields,
  values,
  onSave,
}: {
  readonly fields: readonly EditField<T>[];
  readonly values: T;
  readonly onSave: (patch: Partial<T>) => Promise<void>;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map(({ name }) => [name, String(values[name])])),
  );
  const save = useAction<'saved' | 'unchanged'>();
  const submit = (event: Event) => {
    event.preventDefault();
    const edited = { ...values };
    for (const field of fields) {
      const text = draft[field.name] ?? '';
      (edited as Record<string, string | number>)[field.name] = field.type === 'number' ? Number(text) : text;
    }
    const patch = changedFields(values, edited);
    void save.run(async () => {
      if (Object.keys(patch).length === 0) return 'unchanged';
      await onSave(patch);
      return 'saved';
    });
  };
  return (
    <form onSubmit={submit} data-testid="record-edit-form">
      {fields.map((field) => (
        <EditInput
          key={field.name}
          field={field}
          value={draft[field.name] ?? ''}
          onInput={(value) => setDraft({ ...draft, [field.name]: value })}
        />
      ))}
      <button type="submit" data-testid="record-save" disabled={save.state.status === 'running'}>
        Save changes
      </button>
      {save.state.status === 'done' && (
        <p role="status" data-testid="record-save-status">
          {save.state.result === 'saved' ? 'Saved.' : 'Nothing changed.'}
        </p>
      )}
      {save.state.status === 'error' && <ErrorMessage error={save.state.error} />}
    </form>
  );
}

/** One edited field, labelled: a number with its range, or a multiline text. */
function EditInput<T>({
  field,
  value,
  onInput,
}: {
  readonly field: EditField<T>;
  readonly value: string;
  readonly onInput: (value: string) => void;
}) {
  const testId = `record-edit-${field.name}`;
  if (field.type === 'number') {
    return (
      <label class="field">
        <span>{field.label}</span>
        <input
          type="number"
          min={field.min}
          max={field.max}
          step="any"
          required
          data-testid={testId}
          value={value}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      </label>
    );
  }
  return (
    <label class="field">
      <span>{field.label}</span>
      <textarea
        rows={3}
        required
        data-testid={testId}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
}
