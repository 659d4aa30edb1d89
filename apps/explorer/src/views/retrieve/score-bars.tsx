import type { Schema } from '../../api/api-types.js';
import { formatScore } from '../../ui/format-values.js';

const FACTORS: readonly { readonly key: keyof Schema<'ScoreFactors'>; readonly label: string }[] = [
  { key: 'similarity', label: 'Similarity' },
  { key: 'recency', label: 'Recency' },
  { key: 'success', label: 'Success' },
  { key: 'confidence', label: 'Confidence' },
];

/** The four factors of a score, each a bar within 0..1 with its value. */
export function ScoreBars({
  factors,
  name,
}: {
  readonly factors: Schema<'ScoreFactors'>;
  readonly name: string;
}) {
  return (
    <dl class="factors">
      {FACTORS.map(({ key, label }) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>
            <meter min={0} max={1} value={factors[key]} aria-label={`${label} of ${name}`} />
            <span class="number">{formatScore(factors[key])}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
