import type { EngineFigures } from './vector-engines.js';

const MIN_WIDTH = 960;
/** Room per bar group, so two-line labels never run into each other. */
const GROUP_WIDTH = 150;
const PANEL_HEIGHT = 260;
const MARGIN = { left: 70, right: 20, top: 50, bottom: 70 };
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2'];

interface Bar {
  readonly group: string;
  readonly series: string;
  readonly value: number;
  readonly label: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One grouped bar panel; `scale` maps a value to 0..1 of the panel height. */
function panel(
  width: number,
  title: string,
  bars: readonly Bar[],
  top: number,
  scale: (value: number) => number,
  ticks: readonly [number, string][],
): string {
  const groups = [...new Set(bars.map((bar) => bar.group))];
  const series = [...new Set(bars.map((bar) => bar.series))];
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const groupWidth = plotWidth / groups.length;
  const barWidth = (groupWidth * 0.8) / series.length;
  const y = (fraction: number) => top + MARGIN.top + (1 - fraction) * (PANEL_HEIGHT - MARGIN.top);
  const parts = [
    `<text x="${width / 2}" y="${top + 24}" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const [value, label] of ticks) {
    const ty = y(scale(value));
    parts.push(
      `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="#ddd"/>`,
    );
    parts.push(
      `<text x="${MARGIN.left - 6}" y="${ty + 4}" text-anchor="end" font-size="11">${escapeXml(label)}</text>`,
    );
  }
  groups.forEach((group, g) => {
    const x0 = MARGIN.left + g * groupWidth + groupWidth * 0.1;
    series.forEach((name, s) => {
      const bar = bars.find((candidate) => candidate.group === group && candidate.series === name);
      if (!bar) return;
      const height = Math.max(0, Math.min(1, scale(bar.value)));
      const x = x0 + s * barWidth;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(height).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(y(0) - y(height)).toFixed(1)}" fill="${COLOURS[s % COLOURS.length]}"><title>${escapeXml(`${group} ${name}: ${bar.label}`)}</title></rect>`,
      );
      parts.push(
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y(height) - 3).toFixed(1)}" text-anchor="middle" font-size="9">${escapeXml(bar.label)}</text>`,
      );
    });
    const [name, size] = group.split(' @ ');
    const cx = (x0 + (groupWidth * 0.8) / 2).toFixed(1);
    parts.push(
      `<text y="${y(0) + 15}" text-anchor="middle" font-size="11"><tspan x="${cx}">${escapeXml(name ?? group)}</tspan><tspan x="${cx}" dy="13">${escapeXml(size ?? '')}</tspan></text>`,
    );
  });
  series.forEach((name, s) => {
    const x = MARGIN.left + s * 230;
    const ly = top + PANEL_HEIGHT + 50;
    parts.push(
      `<rect x="${x}" y="${ly - 10}" width="12" height="12" fill="${COLOURS[s % COLOURS.length]}"/>`,
    );
    parts.push(`<text x="${x + 16}" y="${ly}" font-size="11">${escapeXml(name)}</text>`);
  });
  return parts.join('\n');
}

/** Engine names short enough to sit under a bar group. */
function shortName(engine: string): string {
  return engine
    .replace(/^lancedb ann \(default: (.*)\)$/, 'lancedb $1 (default)')
    .replace(/^lancedb (hnsw-sq, LanceDB defaults)$/, '$1');
}

/** Recall@10 and p50 latency per engine, size and filter, as a self-contained SVG. */
export function vectorChart(figures: readonly EngineFigures[], subtitle: string): string {
  const bars = (pick: (search: EngineFigures['search'][number]) => [number, string]) =>
    figures.flatMap((run) =>
      run.search.map((search) => {
        const [value, label] = pick(search);
        return {
          group: `${shortName(run.engine)} @ ${run.size / 1000}k rows`,
          series: search.filtered ? 'filtered (~10%)' : 'unfiltered',
          value,
          label,
        };
      }),
    );
  const recallBars = bars((search) => [search.recall, search.recall.toFixed(3)]);
  const latencyBars = bars((search) => [search.p50Ms, `${search.p50Ms.toFixed(1)} ms`]);
  const maxLatency = Math.max(...latencyBars.map((bar) => bar.value), 1);
  const logTop = Math.ceil(Math.log10(maxLatency));
  const logScale = (value: number) => (Math.log10(Math.max(value, 0.01)) + 2) / (logTop + 2);
  const logTicks: [number, string][] = Array.from({ length: logTop + 3 }, (_, i) => {
    const value = 10 ** (i - 2);
    return [value, `${value} ms`];
  });
  const height = 2 * (PANEL_HEIGHT + MARGIN.bottom) + 60;
  const groups = new Set(recallBars.map((bar) => bar.group)).size;
  const width = Math.max(MIN_WIDTH, groups * GROUP_WIDTH + MARGIN.left + MARGIN.right);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="11" fill="#555">${escapeXml(subtitle)}</text>`,
    panel(width, 'recall@10 against the exact kernel', recallBars, 10, (value) => value, [
      [0, '0'],
      [0.5, '0.5'],
      [0.95, '0.95 target'],
    ]),
    panel(
      width,
      'p50 query latency (log scale)',
      latencyBars,
      PANEL_HEIGHT + MARGIN.bottom + 20,
      logScale,
      logTicks,
    ),
    '</svg>',
    '',
  ].join('\n');
}
