import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/api-client.js';

/** What every view needs: the client, and the project it looks at. */
export interface Session {
  readonly api: ApiClient;
  readonly project: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a project: render views inside <SessionContext>');
  return session;
}
