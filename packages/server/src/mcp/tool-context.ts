import type { ProjectEngines } from '../engine/project-engines.js';
import type { AccessGrant } from '../http/access-grant.js';

/** What a tool call or resource read works with: the engines, and what the caller may touch. */
export interface McpContext {
  readonly engines: ProjectEngines;
  readonly grant: AccessGrant;
  /** Quoted in failures so the caller can point at the log line. */
  readonly requestId: string;
  /** Records a failure that is not the caller's (a store error, a bug) with its stack. */
  readonly logFailure: (error: unknown) => void;
}
