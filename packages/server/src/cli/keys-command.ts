import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../keys/key-admin.js';

/** Where keys live when nothing else is said: beside the embedded store. */
export const DEFAULT_KEYS_FILE = '.alma/keys.json';

interface KeyFlags {
  readonly keys?: string;
  readonly json: boolean;
}

function keyFile(flags: KeyFlags): string {
  return resolve(flags.keys ?? process.env.ALMA_KEYS_FILE ?? DEFAULT_KEYS_FILE);
}

/** `alma keys create|list|revoke`: API keys, each granting named projects; only their hashes are stored. */
export function registerKeysCommand(program: Command, write: (text: string) => void): void {
  const keys = program.command('keys').description('manage the API keys of `alma serve`');
  const common = (command: Command) =>
    command
      .option('--keys <file>', `API key file (default: $ALMA_KEYS_FILE, else ${DEFAULT_KEYS_FILE})`)
      .option('--json', 'print one JSON document', false);

  common(
    keys
      .command('create')
      .description('create a key granting the named projects; the key is printed once and never stored')
      .requiredOption('--project <id...>', 'project the key grants (repeatable)')
      .option(
        '--default-project <id>',
        'project of calls that name none, e.g. from clients that cannot send project_id (one of --project)',
      )
      .option('--admin', 'also read every agent’s memories of these projects (retrieval scope global)', false)
      .option('--label <text>', 'what the key is for'),
  ).action(
    async (
      flags: KeyFlags & { project: string[]; defaultProject?: string; admin: boolean; label?: string },
    ) => {
      const created = await createApiKey(keyFile(flags), {
        projects: flags.project,
        ...(flags.defaultProject === undefined ? {} : { defaultProject: flags.defaultProject }),
        admin: flags.admin,
        ...(flags.label ? { label: flags.label } : {}),
      });
      const defaults = created.defaultProject === undefined ? '' : ` (default ${created.defaultProject})`;
      const role = created.admin ? ' as an admin key (scope global reads every agent)' : '';
      write(
        flags.json
          ? `${JSON.stringify(created)}\n`
          : `${created.token}\n\nkey ${created.id} grants ${created.projects.join(', ')}${defaults}${role}; it is shown only now (the file keeps its hash)\n`,
      );
    },
  );

  common(keys.command('list').description('list keys (ids, projects, admin, labels; never the keys)')).action(
    async (flags: KeyFlags) => {
      const listed = await listApiKeys(keyFile(flags));
      write(
        flags.json
          ? `${JSON.stringify(listed)}\n`
          : listed
              .map(
                (key) =>
                  `${key.id}  ${key.revokedAt ? 'revoked ' : 'active  '}${key.projects.join(',')}${key.defaultProject ? `  default ${key.defaultProject}` : ''}${key.admin ? '  admin' : ''}${key.label ? `  ${key.label}` : ''}\n`,
              )
              .join('') || 'no keys\n',
      );
    },
  );

  common(keys.command('revoke').description('revoke a key; a running server refuses it within a second'))
    .argument('<id>', 'the key id (the part after alma_)')
    .action(async (id: string, flags: KeyFlags) => {
      const revoked = await revokeApiKey(keyFile(flags), id);
      write(flags.json ? `${JSON.stringify(revoked)}\n` : `key ${revoked.id} revoked\n`);
    });
}
