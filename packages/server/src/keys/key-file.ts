import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  CorruptDataError,
  NotFoundError,
  PROJECT_ID_PATTERN,
  ValidationError,
  validationErrorFrom,
} from '@alma/core';
import { z } from 'zod';

const projectId = z.string().regex(PROJECT_ID_PATTERN, 'not a valid project id');

const storedKeySchema = z
  .strictObject({
    id: z.string().regex(/^[0-9a-f]{12}$/),
    /** The projects the key grants; never empty. */
    projects: z.array(projectId).min(1),
    /**
     * The project of a call that names none, one of `projects`. Optional: files written before it
     * existed hold no such field, and a key of one project defaults to that project anyway.
     */
    defaultProject: projectId.optional(),
    /**
     * An admin key may also read every agent's memories of its projects (retrieval scope `global`).
     * Optional, and written only when true: older files hold no such field.
     */
    admin: z.boolean().optional(),
    label: z.string().max(200).nullable(),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .refine((key) => key.defaultProject === undefined || key.projects.includes(key.defaultProject), {
    message: 'the default project must be one of the projects the key grants',
    path: ['defaultProject'],
  });

const keyFileSchema = z.strictObject({ version: z.literal(1), keys: z.array(storedKeySchema) });

export type StoredKey = z.output<typeof storedKeySchema>;
export type KeyFile = z.output<typeof keyFileSchema>;

/** Validates a project id list the way the key file will hold it. */
export function parseProjectIds(projects: readonly string[]): string[] {
  const result = z.array(projectId).min(1, 'name at least one project').safeParse(projects);
  if (!result.success) throw validationErrorFrom('invalid projects', result.error);
  return [...new Set(result.data)];
}

/** Validates a key's default project: a valid id among the projects it grants. */
export function parseDefaultProject(projects: readonly string[], defaultProject: string): string {
  const result = projectId.safeParse(defaultProject);
  if (!result.success) throw validationErrorFrom('invalid default project', result.error);
  if (!projects.includes(result.data)) {
    throw new ValidationError(
      `the default project '${result.data}' is not one the key grants (${projects.join(', ')})`,
      { details: { defaultProject: result.data, projects: [...projects] } },
    );
  }
  return result.data;
}

/** Reads the key file; a missing file holds no keys. */
export async function readKeyFile(path: string): Promise<KeyFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: [] };
    throw new NotFoundError(`cannot read the key file ${path}`, { cause: error, details: { path } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CorruptDataError(`the key file ${path} is not JSON`, { cause });
  }
  const result = keyFileSchema.safeParse(json);
  if (!result.success)
    throw new CorruptDataError(`the key file ${path} is malformed`, { cause: result.error });
  return result.data;
}

/** Writes the key file whole (temporary file, then rename), readable by its owner only. */
export async function writeKeyFile(path: string, file: KeyFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFile is masked by the umask; chmod makes it exact.
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/** What tells a changed key file from the one already loaded. */
export async function keyFileVersion(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}
