import type { AccessGrant } from './access-grant.js';
import type { AuthOutcome } from './request-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the rate limiter's key lookup, which authenticates first so limits count per key. */
    auth: AuthOutcome | null;
    /** The caller's grant, once authenticated; null on public routes. */
    grant: AccessGrant | null;
  }
  interface FastifyContextConfig {
    /** Served without a key (health, readiness, the OpenAPI document). */
    public?: boolean;
  }
}
