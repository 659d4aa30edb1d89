import {
  type ConnectOptions,
  describeStoreLocation,
  kindsBehind,
  openAdapter,
  parseConnectOptions,
} from '@alma/connect';
import type { StoreAdapter, StoreManifest } from '@alma/core';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { chosenEmbedder } from '../embedder-option.js';
import { CheckFailed } from '../exit-codes.js';
import { CONFIG_HELP, JSON_HELP, STORE_FLAGS, STORE_HELP } from '../option-parsers.js';
import { embedderOf, storeLocation } from '../store-session.js';

interface DoctorFlags {
  readonly store?: string;
  readonly config?: string;
  readonly json: boolean;
}

/** One finding: 'fail' makes the exit status 3, 'warn' does not. */
interface Check {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
}

/** `alma doctor`: whether a store is reachable, migrated, consistent with its embedder and its indexes, changing nothing. */
export function registerDoctorCommand(program: Command, context: CommandContext): void {
  program
    .command('doctor')
    .description(
      'check a store: connectivity, schema version, embedder and dimension, vector index, outbox backlog',
    )
    .option(STORE_FLAGS, STORE_HELP)
    .option('--config <file>', CONFIG_HELP)
    .option('--json', JSON_HELP, false)
    .action((flags: DoctorFlags) => runDoctor(context, flags));
}

async function runDoctor(context: CommandContext, flags: DoctorFlags): Promise<void> {
  const { io } = context;
  const location = storeLocation(io, flags.store);
  const store = describeStoreLocation(location);
  const checks: Check[] = [];
  // Nothing is created or migrated: the doctor looks, it does not treat.
  const options: ConnectOptions = { mustExist: true, migrate: false, env: io.env };
  const started = performance.now();
  let opened: Awaited<ReturnType<typeof openAdapter>> | null = null;
  try {
    opened = await openAdapter(location, parseConnectOptions(options));
    checks.push({
      name: 'connection',
      status: 'ok',
      detail: `${opened.adapter.name}, opened in ${Math.round(performance.now() - started)} ms`,
    });
  } catch (error) {
    checks.push({ name: 'connection', status: 'fail', detail: messageOf(error) });
  }
  if (opened) {
    try {
      await examine(context, flags, opened.adapter, opened.vectorHealth, checks);
    } finally {
      await opened.adapter.close();
    }
  }
  const ok = checks.every((check) => check.status !== 'fail');
  printResult(context, flags.json, { store, ok, checks }, () =>
    [
      `store: ${store}`,
      ...checks.map(
        (check) => `  ${check.status.toUpperCase().padEnd(4)}  ${check.name.padEnd(13)} ${check.detail}`,
      ),
      ok ? 'healthy' : 'problems found',
      '',
    ].join('\n'),
  );
  if (!ok) throw new CheckFailed('the store has problems: see the checks above');
}

async function examine(
  context: CommandContext,
  flags: DoctorFlags,
  adapter: StoreAdapter,
  vectorHealth: Awaited<ReturnType<typeof openAdapter>>['vectorHealth'],
  checks: Check[],
): Promise<void> {
  const schema = await adapter.schema().catch((error: unknown) => error as Error);
  if (schema instanceof Error) checks.push({ name: 'schema', status: 'fail', detail: messageOf(schema) });
  else {
    const latest = schema.applied.at(-1) ?? 'none';
    checks.push(
      schema.pending.length === 0
        ? { name: 'schema', status: 'ok', detail: `version ${latest} (${schema.applied.length} applied)` }
        : {
            name: 'schema',
            status: 'warn',
            detail: `${schema.pending.length} pending after ${latest}: run alma db migrate`,
          },
    );
  }
  let manifest: StoreManifest | null;
  try {
    manifest = await adapter.readManifest();
  } catch (error) {
    checks.push({ name: 'store', status: 'fail', detail: messageOf(error) });
    return;
  }
  if (manifest === null) {
    checks.push({
      name: 'store',
      status: 'fail',
      detail: 'no ALMA store here yet (alma quickstart, alma import or alma copy create one)',
    });
    return;
  }
  checks.push({
    name: 'store',
    status: 'ok',
    detail: `dimension ${manifest.dimension}, embedder ${manifest.embedder ?? 'unrecorded'}`,
  });
  checks.push(await embedderCheck(context, flags, manifest));
  if (vectorHealth === null) {
    checks.push({
      name: 'vector index',
      status: 'ok',
      detail: `${adapter.capabilities.vectorSearch} search kept by the backend itself`,
    });
    return;
  }
  const health = await vectorHealth();
  if (health.length === 0) {
    checks.push({
      name: 'vector index',
      status: 'ok',
      detail: 'pgvector HNSW in the table: nothing to reconcile',
    });
    return;
  }
  const behind = kindsBehind(health);
  const indexed = health.reduce((sum, entry) => sum + entry.indexedRows, 0);
  checks.push(
    behind.length === 0
      ? {
          name: 'vector index',
          status: 'ok',
          detail: `${indexed.toLocaleString('en-US')} vectors, in step with the rows`,
        }
      : {
          name: 'vector index',
          status: 'fail',
          detail: behind
            .map((entry) => `${entry.kind}: ${entry.indexedRows} indexed of ${entry.rowsWithEmbedding}`)
            .join('; '),
        },
  );
  const backlog = health[0]?.outboxBacklog ?? 0;
  checks.push(
    backlog === 0
      ? { name: 'outbox', status: 'ok', detail: 'empty' }
      : {
          name: 'outbox',
          status: 'warn',
          detail: `${backlog} entries wait to be applied (the next open applies them)`,
        },
  );
}

async function embedderCheck(
  context: CommandContext,
  flags: DoctorFlags,
  manifest: StoreManifest,
): Promise<Check> {
  const configured = await chosenEmbedder(context.io, flags).catch((error: unknown) => error as Error);
  if (configured instanceof Error) return { name: 'embedder', status: 'fail', detail: messageOf(configured) };
  if (configured === null) {
    return embedderOf(manifest.embedder, manifest.dimension)
      ? {
          name: 'embedder',
          status: 'ok',
          detail: `built in (${manifest.embedder ?? `hashing, dimension ${manifest.dimension}`})`,
        }
      : {
          name: 'embedder',
          status: 'warn',
          detail: `${manifest.embedder} needs --config naming it for memory commands`,
        };
  }
  if (
    configured.dimension !== manifest.dimension ||
    (manifest.embedder !== null && configured.id !== manifest.embedder)
  ) {
    return {
      name: 'embedder',
      status: 'fail',
      detail: `configured ${configured.id} (dimension ${configured.dimension}) but the store holds ${manifest.embedder ?? 'unrecorded'} (dimension ${manifest.dimension}): re-embed with alma copy --reembed`,
    };
  }
  return { name: 'embedder', status: 'ok', detail: `${configured.id} matches the store` };
}

function messageOf(error: unknown): string {
  if (error instanceof Error)
    return 'code' in error ? `${error.message} [${String(error.code)}]` : error.message;
  return String(error);
}
