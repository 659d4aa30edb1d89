import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey, KeyRing, listApiKeys, registerKeysCommand, revokeApiKey } from '@alma/server';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('API keys', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-keys-'));
    file = join(directory, 'nested', 'keys.json');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('stores only a hash of the key, in a file only its owner can read', async () => {
    const created = await createApiKey(file, { projects: ['billing', 'billing', 'search'], label: 'ci' });
    expect(created.token).toMatch(/^alma_[0-9a-f]{12}_[0-9a-f]{64}$/);
    expect(created.projects).toEqual(['billing', 'search']);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(created.token.slice(18));
    expect(text).toMatch(/"hash": "sha256:[0-9a-f]{64}"/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await listApiKeys(file)).toEqual([
      {
        id: created.id,
        projects: ['billing', 'search'],
        label: 'ci',
        createdAt: created.createdAt,
        revokedAt: null,
      },
    ]);
  });

  it('verifies a key against its hash, and refuses unknown, altered and revoked keys', async () => {
    const created = await createApiKey(file, { projects: ['billing'] });
    const ring = await KeyRing.open(file, 0);
    expect(await ring.verify(created.token)).toEqual({ keyId: created.id, projects: new Set(['billing']) });
    const altered = `${created.token.slice(0, -1)}${created.token.endsWith('0') ? '1' : '0'}`;
    expect(await ring.verify(altered)).toBeNull();
    expect(await ring.verify(`alma_${'a'.repeat(12)}_${'b'.repeat(64)}`)).toBeNull();
    expect(await ring.verify('Bearer nonsense')).toBeNull();
    await revokeApiKey(file, created.id);
    expect(await ring.verify(created.token)).toBeNull();
  });

  it('refuses a key with no valid project, and a revocation of an unknown key', async () => {
    await expect(createApiKey(file, { projects: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createApiKey(file, { projects: ['no spaces'] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(revokeApiKey(file, 'abcdefabcdef')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('creates, lists and revokes keys from the command line', async () => {
    const output: string[] = [];
    const run = async (...args: string[]) => {
      const program = new Command('alma').exitOverride();
      registerKeysCommand(program, (text) => output.push(text));
      await program.parseAsync(args, { from: 'user' });
      return output.at(-1) ?? '';
    };
    const created = JSON.parse(
      await run('keys', 'create', '--project', 'a', '--project', 'b', '--keys', file, '--json'),
    );
    expect(created).toMatchObject({ projects: ['a', 'b'], token: expect.stringMatching(/^alma_/) });
    expect(await run('keys', 'list', '--keys', file)).toContain(`${created.id}  active  a,b`);
    expect(await run('keys', 'revoke', created.id, '--keys', file)).toBe(`key ${created.id} revoked\n`);
    expect(await run('keys', 'list', '--keys', file)).toContain(`${created.id}  revoked a,b`);
  });
});
