import { useState } from 'preact/hooks';

/**
 * The words to look for in a lesson list. Applied on submit (Enter or the button), not on every key,
 * so that each search is one request; Clear goes back to browsing.
 */
export function LessonSearchBox({
  applied,
  onApply,
}: {
  readonly applied: string;
  readonly onApply: (search: string) => void;
}) {
  const [draft, setDraft] = useState(applied);
  return (
    <search>
      <form
        class="search-box"
        onSubmit={(event) => {
          event.preventDefault();
          onApply(draft.trim());
        }}
      >
        <label class="inline-field">
          <span>Search</span>
          <input
            type="search"
            data-testid="lessons-search"
            value={draft}
            maxLength={1000}
            placeholder="words in the lesson"
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="lessons-search-submit">
          Search
        </button>
        {applied !== '' && (
          <button
            type="button"
            data-testid="lessons-search-clear"
            onClick={() => {
              setDraft('');
              onApply('');
            }}
          >
            Clear
          </button>
        )}
      </form>
    </search>
  );
}
