import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exerciseEveryTool } from './support/mcp-scenario.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
// The built server, as installed: starting it through tsx compiled the whole server on every run,
// which took 30 s on a loaded machine. Turbo builds it before this package's tests.
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

describe('MCP over stdio', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-stdio-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('lists and calls every tool from the official SDK client, over a spawned server', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        BIN,
        'serve',
        '--stdio',
        '--store',
        `sqlite:${join(directory, 'alma.db')}`,
        '--log-level',
        'warn',
      ],
      cwd: PACKAGE,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'alma-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'alma-memory' });
      await exerciseEveryTool(client);
    } finally {
      await client.close();
    }
  });
});
