/** `2025-03-04 05:06 UTC`: the same in every browser and time zone; '—' for no instant. */
export function formatInstant(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `75%`, one decimal below 10%; '—' when there is no ratio. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  const percent = ratio * 100;
  return `${percent !== 0 && Math.abs(percent) < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A score or a confidence, two decimals. */
export function formatScore(value: number): string {
  return value.toFixed(2);
}
