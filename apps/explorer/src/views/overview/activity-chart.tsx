import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { AgentActivity } from './activity-series.js';
import { epochSecondsOf } from './activity-series.js';

type SeriesKey = 'successes' | 'failures' | 'heuristics' | 'antiPatterns';

const SERIES: readonly { readonly key: SeriesKey; readonly label: string; readonly color: string }[] = [
  { key: 'successes', label: 'Successes', color: '#1a7f37' },
  { key: 'failures', label: 'Failures', color: '#cf222e' },
  { key: 'heuristics', label: 'Heuristics learnt', color: '#0969da' },
  { key: 'antiPatterns', label: 'Anti-patterns learnt', color: '#9a6700' },
];

const HEIGHT = 220;

function chartOptions(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    // Days are UTC dates: label them as such, whatever the browser's time zone.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    legend: { show: false },
    scales: { y: { range: (_, min, max) => [0, Math.max(1, min, max)] } },
    series: [
      {},
      ...SERIES.map(({ label, color }) => ({ label, stroke: color, width: 2, points: { show: true } })),
    ],
  };
}

/** Outcomes (successes, failures) and lessons learnt per day of one agent, with the numbers as a table. */
export function ActivityChart({ activity }: { readonly activity: AgentActivity }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current!;
    const data: uPlot.AlignedData = [
      activity.days.map(epochSecondsOf),
      ...SERIES.map(({ key }) => [...activity[key]]),
    ];
    const plot = new uPlot(chartOptions(element.clientWidth), data, element);
    const resize = () => plot.setSize({ width: element.clientWidth, height: HEIGHT });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [activity]);
  return (
    <figure class="chart" data-testid={`activity-chart-${activity.agent}`}>
      <figcaption>{activity.agent}</figcaption>
      <ul class="legend">
        {SERIES.map(({ key, label, color }) => (
          <li key={key}>
            <span class="swatch" style={{ backgroundColor: color }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      <div
        ref={container}
        class="chart-canvas"
        role="img"
        aria-label={`Outcomes and lessons per day of ${activity.agent}; the numbers are in the table below`}
      />
      <details>
        <summary>Numbers per day</summary>
        <table>
          <caption class="visually-hidden">Outcomes and lessons per day of {activity.agent}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map(({ key, label }) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {activity.days.map((day, i) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {SERIES.map(({ key }) => (
                  <td key={key} class="number">
                    {activity[key][i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
