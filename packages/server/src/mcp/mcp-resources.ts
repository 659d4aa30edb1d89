import { ValidationError } from '@alma/core';
import { listedProjects, projectOfCall } from '../http/access-grant.js';
import { originalScope, originalStats } from './original-shapes.js';
import type { McpContext } from './tool-context.js';

const RESOURCE_KINDS = {
  config: { name: 'ALMA Configuration', description: 'Current configuration of the ALMA memory system' },
  agents: { name: 'ALMA Registered Agents', description: 'All registered agents and their memory scopes' },
} as const;
type ResourceKind = keyof typeof RESOURCE_KINDS;

/** The original's `alma://config` and `alma://agents` (of the caller's one project), and the same per project. */
export function listResources(context: McpContext) {
  const projects = listedProjects(context.grant);
  const kinds = Object.keys(RESOURCE_KINDS) as ResourceKind[];
  const original = projects.length === 1 ? kinds.map((kind) => describe(`alma://${kind}`, kind, null)) : [];
  const perProject = projects.flatMap((project) =>
    kinds.map((kind) => describe(`alma://projects/${encodeURIComponent(project)}/${kind}`, kind, project)),
  );
  return [...original, ...perProject];
}

/** The JSON of one resource; a project the caller may not touch is refused like a tool call. */
export async function readResource(context: McpContext, uri: string): Promise<unknown> {
  const target = parseResourceUri(uri);
  if (!target) throw new ValidationError(`unknown resource ${uri}`);
  // projectOfCall refuses a project the caller's grant does not hold.
  const projectId = projectOfCall(context.grant, target.project ?? undefined);
  const engine = context.engines.engineFor(projectId);
  const { config } = engine;
  const scopes = Object.entries(config.agents);
  if (target.kind === 'config') {
    return {
      project_id: projectId,
      embedder: engine.embedder.id,
      agents_mode: context.engines.closed ? 'configured' : 'open',
      registered_agents: scopes.map(([name]) => name),
      scopes: Object.fromEntries(
        scopes.map(([name, scope]) => [name, originalScope(scope, config.learning.minOccurrences)]),
      ),
      retrieval: {
        top_k: config.retrieval.topK,
        search: config.retrieval.search,
        weights: config.retrieval.weights,
      },
    };
  }
  const agents = await Promise.all(
    scopes.map(async ([name, scope]) => ({
      name,
      scope: originalScope(scope, config.learning.minOccurrences),
      stats: originalStats(await engine.stats({ agent: name })),
    })),
  );
  return { project_id: projectId, agent_count: agents.length, agents };
}

/** `alma://config`, `alma://agents`, or `alma://projects/<project>/<config|agents>`. */
export function parseResourceUri(uri: string): { kind: ResourceKind; project: string | null } | null {
  const original = /^alma:\/\/(config|agents)$/.exec(uri);
  if (original) return { kind: original[1] as ResourceKind, project: null };
  const scoped = /^alma:\/\/projects\/([^/]+)\/(config|agents)$/.exec(uri);
  if (!scoped) return null;
  try {
    return { kind: scoped[2] as ResourceKind, project: decodeURIComponent(scoped[1]!) };
  } catch {
    return null;
  }
}

function describe(uri: string, kind: ResourceKind, project: string | null) {
  const { name, description } = RESOURCE_KINDS[kind];
  return {
    uri,
    name: project === null ? name : `${name} (${project})`,
    description,
    mimeType: 'application/json',
  };
}
