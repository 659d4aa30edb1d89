import { type AccessGrant, grantsProject } from '../http/access-grant.js';
import { parseResourceUri } from './mcp-resources.js';

/**
 * The first project a JSON-RPC body asks for that the caller's grant does not hold: a tool call's
 * `project_id` or a resource's project. The HTTP transports answer 403 for it before any MCP work,
 * as the MCP authorization rules ask of insufficient permissions.
 */
export function deniedProject(grant: AccessGrant, body: unknown): string | null {
  const messages = Array.isArray(body) ? body : [body];
  for (const message of messages) {
    const project = projectAskedBy(message);
    if (project !== null && !grantsProject(grant, project)) return project;
  }
  return null;
}

function projectAskedBy(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { method, params } = message as { method?: unknown; params?: Record<string, unknown> };
  if (method === 'tools/call') {
    const project = (params?.arguments as { project_id?: unknown } | undefined)?.project_id;
    return typeof project === 'string' ? project : null;
  }
  if (method === 'resources/read' && typeof params?.uri === 'string') {
    return parseResourceUri(params.uri)?.project ?? null;
  }
  return null;
}
