import { unwrap } from '../api/api-call.js';
import { useSession } from '../session/session-context.js';
import { useRequest } from './use-request.js';

/** The project's agents by name, for pickers; empty until loaded (a refusal shows in the view itself). */
export function useAgentNames(): readonly string[] {
  const { api, project } = useSession();
  const agents = useRequest(`agents:${project}`, (signal) =>
    unwrap(api.GET('/v1/projects/{projectId}/agents', { params: { path: { projectId: project } }, signal })),
  );
  return agents.status === 'ok' ? Object.keys(agents.data.agents).sort() : [];
}
