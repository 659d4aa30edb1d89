import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';

/** The explorer's files as the server serves them at /ui: same origin, strict CSP, nothing outside. */
describe('the explorer at /ui', () => {
  let test: TestServer;
  let site: string;
  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'alma-ui-'));
    site = join(root, 'dist');
    await mkdir(join(site, 'assets'), { recursive: true });
    await writeFile(
      join(site, 'index.html'),
      '<!doctype html><title>ALMA</title><script type="module" src="/ui/assets/app.js"></script>',
    );
    await writeFile(join(site, 'assets', 'app.js'), 'console.log("explorer")');
    await writeFile(join(root, 'secret.txt'), 'not for the browser');
    await symlink(join(root, 'secret.txt'), join(site, 'link-out.txt'));
    test = await startTestServer({ uiDirectory: site });
  });
  afterAll(async () => {
    await test?.close();
    await rm(join(site, '..'), { recursive: true, force: true });
  });
  const get = (path: string) => fetch(`${test.url}${path}`, { redirect: 'manual' });

  it('serves the app without a key, under a strict Content-Security-Policy', async () => {
    expect((await get('/ui')).headers.get('location')).toBe('/ui/');
    const page = await get('/ui/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.text()).toContain('<title>ALMA</title>');
    const script = await get('/ui/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('answers the app’s own routes with index.html, and never a file outside its folder', async () => {
    expect(await (await get('/ui/lessons/heuristics')).text()).toContain('<title>ALMA</title>');
    for (const path of [
      '/ui/../secret.txt',
      '/ui/%2e%2e/secret.txt',
      '/ui/..%2fsecret.txt',
      '/ui/link-out.txt',
    ]) {
      expect(await (await get(path)).text(), path).not.toContain('not for the browser');
    }
  });

  it('lets its pages call the API from the server’s own origin, and no other origin', async () => {
    const stats = (origin: string) =>
      fetch(`${test.url}/v1/projects/alpha/stats`, {
        headers: { origin, authorization: `Bearer ${test.keys.alpha}` },
      });
    expect((await stats(test.url)).status).toBe(200);
    expect((await stats('http://evil.example')).status).toBe(403);
    expect(
      (await stats(test.url.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`))).status,
    ).toBe(403);
  });

  it('says how to build it when there is none', async () => {
    const bare = await startTestServer();
    try {
      const answer = await fetch(`${bare.url}/ui/`);
      expect(answer.status).toBe(404);
      expect(await answer.text()).toContain('@alma/explorer');
    } finally {
      await bare.close();
    }
  });
});
