import { formatScore } from '../../ui/format-values.js';
import { ScoreBars } from './score-bars.js';
import type { ScoredGroup } from './scored-groups.js';

/** One kind's retrieved memories, best first. */
export function ScoredGroupList({ group }: { readonly group: ScoredGroup }) {
  const titleId = `retrieved-${group.key}`;
  return (
    <section aria-labelledby={titleId} data-testid={`retrieved-${group.key}`}>
      <h4 id={titleId}>
        {group.title} ({group.items.length})
      </h4>
      {group.items.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ol class="scored">
          {group.items.map((item, rank) => (
            <li key={item.id} data-testid="retrieved-memory">
              <p>
                <strong>{formatScore(item.score)}</strong> {item.summary}
                {item.shared && <span class="badge">shared</span>}
              </p>
              <p class="muted">
                Cosine similarity{' '}
                {item.similarity === null ? 'none (no embedding)' : formatScore(item.similarity)} · id{' '}
                <code>{item.id}</code>
              </p>
              <ScoreBars factors={item.factors} name={`${group.title} ${rank + 1}`} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
