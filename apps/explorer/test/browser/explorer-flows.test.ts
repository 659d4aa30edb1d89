import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExplorerServer, seedDemo, startExplorerServer } from './explorer-server.js';

/** Debian's Chromium (scripts/setup-chromium.sh): Playwright's own downloads cannot work here. */
const CHROMIUM = process.env.ALMA_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const API_KEY_ITEM = 'alma.explorer.apiKey';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { readonly target: unknown }[];
}

/** The explorer in a real browser against a real `alma serve` on SQLite: each flow checks the store after. */
describe('the explorer in Chromium', () => {
  let server: ExplorerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    server = await startExplorerServer();
    await seedDemo(server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A step that does not come within 10 s fails with its locator, not with the test's timeout.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
  /** A view, signed in with the key as the key form leaves it: in the tab's sessionStorage. */
  const open = async (hash: string) => {
    await page.goto(`${server.url}/ui/`);
    await page.evaluate(([item, key]) => sessionStorage.setItem(item, key), [
      API_KEY_ITEM,
      server.key,
    ] as const);
    await page.goto(`${server.url}/ui/#/${hash}`);
    await page.reload();
    await page.getByRole('main').waitFor();
  };

  /** axe-core over the page as it stands; scripts run in a context that bypasses the CSP for it. */
  async function seriousViolations(hash: string): Promise<AxeViolation[]> {
    const audit = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      const auditPage = await audit.newPage();
      await auditPage.goto(`${server.url}/ui/`);
      await auditPage.evaluate(([item, key]) => sessionStorage.setItem(item, key), [
        API_KEY_ITEM,
        server.key,
      ] as const);
      await auditPage.goto(`${server.url}/ui/#/${hash}`);
      await auditPage.reload();
      await auditPage.getByRole('main').waitFor();
      await auditPage.waitForLoadState('networkidle');
      await auditPage.addScriptTag({ path: AXE });
      const violations = await auditPage.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
        return (await axe.run()).violations;
      });
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    } finally {
      await audit.close();
    }
  }

  it('asks for the API key, then shows the overview of the project', async () => {
    await page.goto(`${server.url}/ui/#/overview`);
    await page.getByTestId('api-key-input').fill('alma_000000000000_not-a-key');
    await page.getByTestId('api-key-submit').click();
    await expect
      .poll(() => page.getByTestId('error-message').first().textContent())
      .toContain('UNAUTHORIZED');
    await page.getByTestId('api-key-input').fill(server.key);
    await page.getByTestId('api-key-submit').click();
    const counts = page.getByTestId('kind-counts');
    await counts.waitFor();
    await expect.poll(() => counts.textContent()).toMatch(/5\s*outcomes|outcomes\s*5/i);
    await page.getByTestId('agent-list').waitFor();
    expect(await page.getByTestId('agent-list').textContent()).toContain('deployer');
    await shot('overview');
  });

  it('searches the lessons by their words, then goes back to browsing', async () => {
    await open('lessons/anti-patterns');
    const rows = page.getByTestId('lesson-row');
    await rows.first().waitFor();
    await page.getByTestId('lessons-search').fill('RESTART instance');
    await page.getByTestId('lessons-search-submit').click();
    await expect.poll(() => page.getByTestId('lessons-search-summary').textContent()).toContain('1 match');
    expect(await page.getByTestId('lessons-sort').isDisabled()).toBe(true);
    const shown = await rows.first().getByRole('link').getAttribute('href');
    const { json } = await server.api<{ hits: { record: { id: string } }[] }>(
      'GET',
      '/anti-patterns/search?q=restart%20instance',
    );
    expect(json.hits).toHaveLength(1);
    expect(shown).toContain(json.hits[0]!.record.id);
    await shot('anti-patterns-search');

    await page.getByTestId('lessons-search').fill('kubernetes rollout');
    await page.getByTestId('lessons-search-submit').click();
    await expect
      .poll(() => page.getByTestId('lessons-search-summary').textContent())
      .toContain('No anti-patterns hold every word');
    expect(await rows.count()).toBe(0);

    await page.getByTestId('lessons-search-clear').click();
    const all = (await server.api<{ items: unknown[] }>('GET', '/anti-patterns')).json.items.length;
    await expect.poll(() => rows.count()).toBe(all);
    await page.getByTestId('lessons-pager-page').waitFor();
    expect(await page.getByTestId('lessons-sort').isDisabled()).toBe(false);
  });

  it('browses the heuristics, opens one and its lineage, and deletes an anti-pattern', async () => {
    await open('lessons/heuristics');
    const rows = page.getByTestId('lesson-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId('heuristics-table').textContent()).toContain('blue-green switch');
    await shot('heuristics');
    const sorted = page.waitForResponse((answer) => answer.url().includes('sort=successRate'));
    await page.getByTestId('lessons-sort').selectOption('successRate');
    expect((await sorted).status()).toBe(200);
    await expect.poll(() => page.getByTestId('heuristics-table').textContent()).toContain('100%');
    await rows.first().getByRole('link').first().click();
    await page.getByTestId('lineage-table').waitFor();
    // The view changed without a page load: the focus went to the main region, not left on the link.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByTestId('lineage-table').locator('tbody tr').count()).toBe(3);
    await shot('heuristic-record');

    const { json } = await server.api<{ items: { id: string }[] }>('GET', '/anti-patterns');
    const [antiPattern] = json.items;
    await open(`record/anti-patterns/${antiPattern!.id}`);
    await page.getByTestId('record-delete').click();
    await page.getByTestId('record-delete-confirm').click();
    await expect
      .poll(async () => (await server.api('GET', `/anti-patterns/${antiPattern!.id}`)).status)
      .toBe(404);
  });

  it('runs a retrieval and shows each memory’s score and the prompt the agent gets', async () => {
    await open('retrieve');
    await page.getByTestId('retrieve-task').fill('deploy the billing service again');
    await page.getByTestId('retrieve-agent').fill('deployer');
    await page.getByTestId('retrieve-user').fill('ana');
    await page.getByTestId('retrieve-submit').click();
    const prompt = page.getByTestId('retrieve-prompt');
    await prompt.waitFor();
    const expected = await server.api<{ prompt: string }>('POST', '/retrieve', {
      task: 'deploy the billing service again',
      agent: 'deployer',
      userId: 'ana',
    });
    expect(await prompt.textContent()).toBe(expected.json.prompt);
    expect(await page.getByTestId('retrieved-memory').count()).toBeGreaterThan(2);
    await shot('retrieve-playground');
  });

  it('previews a forget policy, then applies it', async () => {
    const before = (await server.api<{ counts: { domainKnowledge: number } }>('GET', '/stats')).json.counts;
    expect(before.domainKnowledge).toBe(1);
    await open('forget');
    await page.getByTestId('forget-knowledgeUnverifiedForDays').fill('0.000001');
    await page.getByTestId('forget-preview').click();
    await page.getByTestId('forget-preview-report').waitFor();
    expect(await page.getByTestId('forget-preview-report').textContent()).toMatch(/1/);
    expect(
      (await server.api<{ counts: { domainKnowledge: number } }>('GET', '/stats')).json.counts
        .domainKnowledge,
    ).toBe(1);
    await shot('forget-preview');
    await page.getByTestId('forget-apply').click();
    await page.getByTestId('forget-applied-report').waitFor();
    await expect
      .poll(
        async () =>
          (await server.api<{ counts: { domainKnowledge: number } }>('GET', '/stats')).json.counts
            .domainKnowledge,
      )
      .toBe(0);
  });

  it('shows workflow runs and the store’s health', async () => {
    await server.api('POST', '/checkpoints', { runId: 'release-7', nodeId: 'plan', state: { step: 1 } });
    await server.api('POST', '/checkpoints', {
      runId: 'release-7',
      nodeId: 'build',
      state: { step: 2 },
      branchId: 'b',
    });
    await open('workflows');
    await page.getByTestId('run-open-release-7').click();
    await page.getByTestId('checkpoint-chain').waitFor();
    await shot('workflows');
    await open('health');
    await page.getByTestId('health-schema').waitFor();
    expect(await page.getByTestId('health-schema').textContent()).toContain('workflow_layer');
    await shot('health');
  });

  it('runs no inline script or style: the Content-Security-Policy was never violated', () => {
    expect(cspViolations).toEqual([]);
  });

  it.each(['overview', 'lessons/heuristics', 'retrieve', 'forget', 'workflows', 'health'])(
    'has no serious or critical accessibility violation on %s (axe-core)',
    async (hash) => {
      const violations = await seriousViolations(hash);
      expect(
        violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
      ).toEqual([]);
    },
  );
});
