import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExplorerServer, seedDemo, startExplorerServer } from './explorer-server.js';

const CHROMIUM = process.env.ALMA_CHROMIUM ?? '/usr/bin/chromium';

/** `alma serve --insecure-local`, then /ui: the quickstart's memories, with no key asked for. */
describe('the explorer on a keyless local server', () => {
  let server: ExplorerServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startExplorerServer({ project: 'quickstart', keyless: true });
    await seedDemo(server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the project the store holds and shows its memories', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/ui/`);
    const counts = page.getByTestId('kind-counts');
    await counts.waitFor();
    expect(await page.getByTestId('api-key-input').count()).toBe(0);
    expect(await page.getByTestId('project-picker').inputValue()).toBe('quickstart');
    await expect.poll(() => counts.textContent()).toMatch(/Outcomes\s*5/);
    await page.close();
  });
});
