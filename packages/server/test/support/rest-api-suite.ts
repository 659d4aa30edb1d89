import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type ErrorJson, type RecordJson } from './http-call.js';
import { startTestServer, type TestServer } from './test-server.js';

interface Page {
  readonly items: RecordJson[];
  readonly nextCursor: string | null;
}
interface Learnt {
  readonly outcome: RecordJson;
  readonly heuristic: { action: string; record: RecordJson } | null;
}
interface Retrieved {
  readonly memories: Record<string, { record: RecordJson; score: number }[]>;
  readonly prompt: string;
}

/** The REST API end to end over real HTTP, against the store a URL names. */
export function describeRestApi(
  name: string,
  store: { readonly url?: () => Promise<{ url: string; drop(): Promise<void> }> } = {},
): void {
  describe(`REST API over ${name}`, () => {
    let test: TestServer;
    let drop: (() => Promise<void>) | null = null;
    const api = <T>(method: string, path: string, body?: unknown) =>
      call<T>(test.url, method, `/v1/projects/alpha${path}`, { key: test.keys.alpha, body });

    beforeAll(async () => {
      const database = store.url ? await store.url() : null;
      drop = database?.drop ?? null;
      test = await startTestServer(database ? { storeUrl: () => database.url } : {});
    });
    afterAll(async () => {
      await test?.close();
      await drop?.();
    });

    it('learns from outcomes until a heuristic appears, and retrieves it with its prompt', async () => {
      const outcome = {
        agent: 'coder',
        taskType: 'deploy',
        taskDescription: 'deploy the billing api',
        success: true,
        strategyUsed: 'blue green deployment with a smoke test',
      };
      const results: Learnt[] = [];
      for (let i = 0; i < 3; i++) {
        const learnt = await api<Learnt>('POST', '/learn', { ...outcome, durationMs: 1_000 + i });
        expect(learnt.status).toBe(201);
        results.push(learnt.json);
      }
      expect(results[0]?.heuristic).toBeNull();
      expect(results[2]?.heuristic).toMatchObject({ action: 'created', record: { agent: 'coder' } });
      expect(results[2]?.outcome).not.toHaveProperty('embedding');

      const retrieved = await api<Retrieved>('POST', '/retrieve', {
        task: 'deploy the billing api',
        agent: 'coder',
      });
      expect(retrieved.status).toBe(200);
      expect(retrieved.json.memories.heuristics?.[0]?.record.id).toBe(results[2]?.heuristic?.record.id);
      expect(retrieved.json.memories.outcomes).toHaveLength(3);
      expect(retrieved.json.prompt).toContain('blue green deployment');
    });

    it('adds preferences and knowledge, and pages through them by cursor without repeats', async () => {
      for (let i = 0; i < 5; i++) {
        const added = await api('POST', '/preferences', {
          userId: 'ada',
          category: 'style',
          preference: `rule ${i}`,
        });
        expect(added.status).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=2&userId=ada${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await api<Page>('GET', `/preferences${query}`);
        expect(page.status).toBe(200);
        seen.push(...page.json.items.map((item) => item.preference as string));
        cursor = page.json.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual(['rule 4', 'rule 3', 'rule 2', 'rule 1', 'rule 0']);

      const fact = await api<RecordJson>('POST', '/domain-knowledge', {
        agent: 'coder',
        domain: 'billing',
        fact: 'invoices close on the last day of the month',
      });
      expect(fact.status).toBe(201);
      expect(fact.json).toMatchObject({ projectId: 'alpha', source: 'user_stated', domain: 'billing' });
    });

    it('gets, updates (re-embedding the new text) and deletes a record', async () => {
      const created = await api<RecordJson>('POST', '/domain-knowledge', {
        agent: 'coder',
        domain: 'payments',
        fact: 'refunds need a manager',
      });
      const path = `/domain-knowledge/${created.json.id}`;
      expect((await api<RecordJson>('GET', path)).json).toMatchObject({ fact: 'refunds need a manager' });

      const updated = await api<RecordJson>('PATCH', path, { fact: 'chargebacks go to the fraud desk' });
      expect(updated.status).toBe(200);
      expect(updated.json).toMatchObject({ fact: 'chargebacks go to the fraud desk' });
      const found = await api<Retrieved>('POST', '/retrieve', {
        task: 'chargebacks fraud desk',
        agent: 'coder',
        kinds: ['domain-knowledge'],
        topK: 1,
      });
      expect(found.json.memories.domainKnowledge?.[0]?.record.id).toBe(created.json.id);

      expect((await api('DELETE', path)).status).toBe(200);
      const gone = await api<ErrorJson>('GET', path);
      expect(gone.status).toBe(404);
      expect(gone.json.error.code).toBe('NOT_FOUND');
      expect((await api('DELETE', path)).status).toBe(404);
    });

    it('reports stats and agents, and forgets by rule', async () => {
      const stats = await api<{ counts: Record<string, number>; total: number }>('GET', '/stats');
      expect(stats.json.counts).toMatchObject({
        outcome: 3,
        heuristic: 1,
        preference: 5,
        domainKnowledge: 1,
      });
      const agentStats = await api<{ counts: Record<string, number> }>('GET', '/stats?agent=coder');
      expect(agentStats.json.counts.outcome).toBe(3);
      const agents = await api<{ mode: string; agents: Record<string, unknown> }>('GET', '/agents');
      expect(agents.json.mode).toBe('open');
      expect(Object.keys(agents.json.agents)).toContain('coder');

      const [heuristic] = (await api<Page>('GET', '/heuristics')).json.items;
      const weakened = await api<RecordJson>('PATCH', `/heuristics/${heuristic?.id}`, { confidence: 0.1 });
      expect(weakened.json).toMatchObject({ confidence: 0.1 });
      const forgot = await api<{ heuristics: number; total: number }>('POST', '/forget', {
        heuristicsBelowConfidence: 0.5,
      });
      expect(forgot.status).toBe(200);
      expect(forgot.json.heuristics).toBe(1);
      expect((await api<Page>('GET', '/heuristics')).json.items).toHaveLength(0);
    });

    it('serves an OpenAPI document naming every route', async () => {
      const document = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
        test.url,
        'GET',
        '/openapi.json',
      );
      expect(document.json.openapi).toBe('3.1.0');
      const paths = document.json.paths;
      expect(Object.keys(paths['/v1/projects/{projectId}/retrieve'] ?? {})).toEqual(['post']);
      expect(Object.keys(paths['/v1/projects/{projectId}/anti-patterns/{id}'] ?? {}).sort()).toEqual([
        'delete',
        'get',
        'patch',
      ]);
    });
  });
}
