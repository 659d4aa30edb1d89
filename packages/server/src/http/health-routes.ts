import type { MemoryStore } from '@alma/core';
import type { FastifyInstance } from 'fastify';

/** A project no one writes to: counting it is the cheapest query that touches a table. */
const READINESS_PROJECT = 'alma.readiness';

/** Whether the server takes new work: false from the start of a shutdown. */
export interface Readiness {
  accepting: boolean;
}

/**
 * `/healthz`: the process is up (liveness). `/readyz`: it takes requests and its store answers with
 * no migration pending (readiness); 503 otherwise, and from the start of a shutdown.
 */
export function registerHealthRoutes(app: FastifyInstance, store: MemoryStore, readiness: Readiness): void {
  const open = { public: true, rateLimit: false } as const;
  app.get('/healthz', { config: open }, async () => ({ status: 'ok' }));
  // The original server's route, for its clients and probes.
  app.get('/health', { config: open }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: open }, async (request, reply) => {
    if (!readiness.accepting) return reply.status(503).send({ status: 'shutting-down' });
    try {
      const schema = await store.schema();
      if (schema.pending.length > 0) return reply.status(503).send({ status: 'migrations-pending' });
      // The schema may be readable while queries fail (a dropped table, a broken index): ask a real one.
      await store.heuristics.count({ projectId: READINESS_PROJECT });
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'store-unavailable' });
    }
  });
}
