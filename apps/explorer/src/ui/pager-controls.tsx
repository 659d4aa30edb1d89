import { type CursorStack, nextPage, pageNumber, previousPage } from './cursor-stack.js';

/** Previous and next buttons for a cursor-paged list; test ids `<testId>-previous`, `<testId>-next`. */
export function PagerControls({
  label,
  testId,
  stack,
  nextCursor,
  onChange,
}: {
  readonly label: string;
  readonly testId: string;
  readonly stack: CursorStack;
  readonly nextCursor: string | null;
  readonly onChange: (stack: CursorStack) => void;
}) {
  return (
    <nav class="pager" aria-label={label}>
      <button
        type="button"
        data-testid={`${testId}-previous`}
        disabled={stack.length === 0}
        onClick={() => onChange(previousPage(stack))}
      >
        Previous page
      </button>
      <span data-testid={`${testId}-page`}>Page {pageNumber(stack)}</span>
      <button
        type="button"
        data-testid={`${testId}-next`}
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && onChange(nextPage(stack, nextCursor))}
      >
        Next page
      </button>
    </nav>
  );
}
