import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (scripts/setup-chromium.sh). */
const CHROMIUM = process.env.ALMA_CHROMIUM ?? '/usr/bin/chromium';

/** The few browser globals the page functions below use (this package is typed for Node). */
interface PageGlobals {
  readonly document: { querySelector(selector: string): unknown };
  readonly performance: {
    now(): number;
    getEntriesByName(name: string): readonly { readonly startTime: number }[];
  };
  readonly PerformanceObserver: new (
    callback: (list: { getEntries(): readonly { readonly startTime: number }[] }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void };
}

// Functions, not source text: Playwright calls them over the DevTools protocol, which the page's
// Content-Security-Policy (no eval) allows. They run in the page, so they reach its globals only.

/** performance.now() once the counts table and an activity chart are rendered, else false. */
function readyWhenRendered(): number | false {
  const page = globalThis as unknown as PageGlobals;
  const rendered =
    page.document.querySelector('[data-testid="kind-counts"]') !== null &&
    page.document.querySelector('[data-testid^="activity-chart-"]') !== null;
  return rendered ? page.performance.now() : false;
}

/** The first contentful paint and the latest largest-contentful-paint entry. */
function paintTimings(): Promise<{ fcpMs: number; lcpMs: number }> {
  const page = globalThis as unknown as PageGlobals;
  const fcpMs = page.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
  return new Promise((resolve) => {
    new page.PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve({ fcpMs, lcpMs: entries[entries.length - 1]?.startTime ?? Number.NaN });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve({ fcpMs, lcpMs: Number.NaN }), 2_000);
  });
}

/** One load of the overview, from navigation start (the browser's performance timeline), in ms. */
export interface OverviewPaint {
  /** First contentful paint: the shell. */
  readonly fcpMs: number;
  /** Largest contentful paint once the data is in: the browser's "meaningful paint" measure. */
  readonly lcpMs: number;
  /** When the counts table and the activity chart were both on the page (polled each frame). */
  readonly readyMs: number;
}

export async function withBrowser<T>(work: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}

/** Opens the overview in a fresh context (cold cache) and reads its paint timings. */
export async function measureOverview(browser: Browser, url: string): Promise<OverviewPaint> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/ui/#/overview`);
    const ready = await page.waitForFunction(readyWhenRendered, undefined, {
      polling: 'raf',
      timeout: 60_000,
    });
    const readyMs = (await ready.jsonValue()) as number;
    const timings = await page.evaluate(paintTimings);
    return { ...timings, readyMs };
  } finally {
    await context.close();
  }
}
