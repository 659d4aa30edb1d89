import { NotFoundError } from '@alma/core';
import { generateApiKeyToken, hashSecret } from './api-key-token.js';
import {
  parseDefaultProject,
  parseProjectIds,
  readKeyFile,
  type StoredKey,
  writeKeyFile,
} from './key-file.js';

/** A key as listed: everything but its hash. */
export type ApiKeyInfo = Omit<StoredKey, 'hash'>;

export interface CreatedApiKey extends ApiKeyInfo {
  /** The key itself: shown once, never stored. */
  readonly token: string;
}

export interface CreateApiKeyOptions {
  readonly projects: readonly string[];
  /** The project of calls that name none (clients that cannot send `project_id`); one of `projects`. */
  readonly defaultProject?: string;
  /** May read every agent's memories of its projects (retrieval scope `global`). Default false. */
  readonly admin?: boolean;
  readonly label?: string;
}

/**
 * Creates a key granting the named projects and records its hash in the key file (mode 0600).
 * @example const { token } = await createApiKey('.alma/keys.json', { projects: ['a', 'b'], defaultProject: 'b' });
 */
export async function createApiKey(file: string, options: CreateApiKeyOptions): Promise<CreatedApiKey> {
  const projects = parseProjectIds(options.projects);
  const defaultProject =
    options.defaultProject === undefined ? undefined : parseDefaultProject(projects, options.defaultProject);
  const keys = await readKeyFile(file);
  const { id, secret, token } = generateApiKeyToken();
  const stored: StoredKey = {
    id,
    projects,
    // Written only when given, so files stay readable by servers that predate the field.
    ...(defaultProject === undefined ? {} : { defaultProject }),
    ...(options.admin === true ? { admin: true } : {}),
    label: options.label ?? null,
    hash: hashSecret(secret),
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  await writeKeyFile(file, { ...keys, keys: [...keys.keys, stored] });
  const { hash: _, ...info } = stored;
  return { ...info, token };
}

/** Every key in the file, revoked ones included, without hashes. */
export async function listApiKeys(file: string): Promise<ApiKeyInfo[]> {
  const keys = await readKeyFile(file);
  return keys.keys.map(({ hash: _, ...info }) => info);
}

/** Revokes a key by id; a running server refuses it within a second. NotFoundError for an unknown id. */
export async function revokeApiKey(file: string, id: string): Promise<ApiKeyInfo> {
  const keys = await readKeyFile(file);
  const key = keys.keys.find((candidate) => candidate.id === id);
  if (!key) throw new NotFoundError(`no API key ${id} in ${file}`, { details: { id } });
  const revoked = { ...key, revokedAt: key.revokedAt ?? new Date().toISOString() };
  await writeKeyFile(file, {
    ...keys,
    keys: keys.keys.map((candidate) => (candidate === key ? revoked : candidate)),
  });
  const { hash: _, ...info } = revoked;
  return info;
}
