import { useId } from 'preact/hooks';

/** A text field for an agent's name, suggesting the project's agents. */
export function AgentInput({
  agents,
  value,
  onInput,
  testId,
  required = false,
  label = 'Agent',
}: {
  readonly agents: readonly string[];
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly testId: string;
  readonly required?: boolean;
  readonly label?: string;
}) {
  const listId = useId();
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="text"
        list={listId}
        autocomplete="off"
        required={required}
        data-testid={testId}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <datalist id={listId}>
        {agents.map((agent) => (
          <option key={agent} value={agent} />
        ))}
      </datalist>
    </label>
  );
}
