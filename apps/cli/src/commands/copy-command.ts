import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { VectorIndexHealth } from '@alma/adapter-sql';
import {
  describeStoreLocation,
  kindsBehind,
  type OpenedStore,
  openStore,
  type StoreLocation,
} from '@alma/connect';
import {
  CHECKPOINT_FORMAT,
  CheckpointFile,
  type CopyIdentity,
  type CopyReport,
  compareDigests,
  copyStore,
  DEFAULT_COPY_BATCH_SIZE,
  type DigestEntry,
  digestStore,
  type Embedder,
  isAlmaError,
  ValidationError,
  type Verification,
} from '@alma/core';
import type { Command } from 'commander';
import { type CommandContext, printResult } from '../command-context.js';
import { chosenEmbedder, embedderSpecArgument } from '../embedder-option.js';
import { CheckFailed } from '../exit-codes.js';
import { CONFIG_HELP, JSON_HELP, wholeNumber } from '../option-parsers.js';
import { startProgress } from '../progress-display.js';
import { openExistingStore, storeLocation } from '../store-session.js';
import { verificationTable } from '../verification-table.js';

interface CopyFlags {
  readonly from: string;
  readonly to: string;
  readonly project?: string;
  readonly batchSize: number;
  readonly checkpoint?: string;
  readonly restart: boolean;
  readonly verify: boolean;
  readonly dryRun: boolean;
  readonly reembed: boolean;
  readonly embedder?: { provider: 'hashing'; dimension?: number };
  readonly config?: string;
  readonly json: boolean;
}

/** `alma copy`: moves memory between any two backends, resumably, and proves the result. */
export function registerCopyCommand(program: Command, context: CommandContext): void {
  program
    .command('copy')
    .description(
      'copy every record from one store to another (any backends): streamed, batched, resumable, then verified',
    )
    .requiredOption('--from <url>', 'the source store URL')
    .requiredOption('--to <url>', 'the target store URL (created when missing)')
    .option('--project <id>', 'only this project')
    .option('--batch-size <n>', 'records per write', wholeNumber(1, 10_000), DEFAULT_COPY_BATCH_SIZE)
    .option(
      '--checkpoint <file>',
      'resume file (default: .alma/checkpoints/copy-<hash of source and target>.json)',
    )
    .option('--restart', 'ignore an existing checkpoint and copy from the start', false)
    .option('--no-verify', 'skip the verification by counts and content hashes')
    .option(
      '--dry-run',
      'report what would be copied, and whether the target can take it; write nothing',
      false,
    )
    .option('--reembed', 'recompute embeddings with --embedder or the configuration’s embedder', false)
    .option('--embedder <spec>', 'for --reembed: hashing or hashing:<dimension>', embedderSpecArgument)
    .option('--config <file>', CONFIG_HELP)
    .option('--json', JSON_HELP, false)
    .action((flags: CopyFlags) => runCopy(context, flags));
}

async function runCopy(context: CommandContext, flags: CopyFlags): Promise<void> {
  const { io } = context;
  const targetLocation = storeLocation(io, flags.to);
  const source = await openExistingStore(io, flags.from);
  try {
    if (source.description === describeStoreLocation(targetLocation)) {
      throw new ValidationError('source and target are the same store');
    }
    const reembed = flags.reembed ? await chosenEmbedder(io, flags) : undefined;
    if (reembed === null)
      throw new ValidationError('--reembed needs --embedder or a configuration with an embedder');
    if (flags.dryRun) return await dryRun(context, flags, source, targetLocation, reembed);
    await copyAndVerify(context, flags, source, targetLocation, reembed);
  } finally {
    await source.close();
  }
}

async function copyAndVerify(
  context: CommandContext,
  flags: CopyFlags,
  source: OpenedStore,
  targetLocation: StoreLocation,
  reembed: Embedder | undefined,
): Promise<void> {
  const { io } = context;
  const embedder = reembed?.id ?? source.store.manifest.embedder;
  const target = await openStore(targetLocation, {
    dimension: reembed?.dimension ?? source.store.dimension,
    ...(embedder === null ? {} : { embedder }),
    env: io.env,
  });
  const identity: CopyIdentity = {
    source: source.description,
    target: target.description,
    projectId: flags.project ?? null,
    reembedWith: reembed?.id ?? null,
  };
  const checkpoint = new CheckpointFile(
    flags.checkpoint === undefined
      ? defaultCheckpointPath(io.cwd, identity)
      : resolve(io.cwd, flags.checkpoint),
  );
  if (flags.restart) await checkpoint.remove();
  const resumed = await checkpoint.read(identity).catch(async (error: unknown) => {
    await target.close();
    throw error;
  });
  const progress = startProgress(io, {
    enabled: !flags.json,
    label: resumed ? 'resuming' : 'copying',
    total: await projectTotal(source, flags.project),
  });
  const started = performance.now();
  let report: CopyReport;
  try {
    report = await copyStore(source.store, target.store, {
      ...(flags.project === undefined ? {} : { projectId: flags.project }),
      batchSize: flags.batchSize,
      resumeAfter: resumed?.position ?? null,
      ...(reembed ? { reembed } : {}),
      signal: context.signal,
      onRead: () => progress.advance(),
      onBatch: ({ position, copied }) =>
        checkpoint.write({
          format: CHECKPOINT_FORMAT,
          version: 1,
          ...identity,
          position,
          copied: (resumed?.copied ?? 0) + copied,
          updatedAt: new Date().toISOString(),
        }),
    });
    progress.done();
  } finally {
    progress.stop();
    // Closing lets the target settle: SQLite applies its vector outbox to the LanceDB index.
    await target.close();
  }
  const copyMs = performance.now() - started;
  const copied = Object.values(report.copied).reduce((sum, n) => sum + n, 0);
  const total = report.sourceDigest.reduce((sum, entry) => sum + entry.count, 0);
  const checked = flags.verify ? await verify(context, flags, targetLocation, report) : null;
  await checkpoint.remove();
  const result = {
    source: source.description,
    target: target.description,
    resumed: resumed !== null,
    skipped: report.skipped,
    copied: report.copied,
    total,
    reembeddedWith: reembed?.id ?? null,
    copyMs: Math.round(copyMs),
    recordsPerSecond: Math.round(copied / Math.max(copyMs / 1000, 0.001)),
    verification: checked && { ok: checked.verification.ok, rows: checked.verification.rows },
    vectorIndex: checked?.vectorIndex ?? null,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  printResult(context, flags.json, result, () =>
    [
      `copied ${copied.toLocaleString('en-US')} records from ${source.description} to ${target.description}` +
        (resumed ? ` (resumed: ${report.skipped.toLocaleString('en-US')} already there)` : '') +
        ` in ${(copyMs / 1000).toFixed(1)} s, ${result.recordsPerSecond.toLocaleString('en-US')} records/s`,
      ...(checked ? ['', verificationTable(checked.verification), '', indexLine(checked.vectorIndex)] : []),
      checked === null
        ? 'not verified (--no-verify)'
        : checked.ok
          ? 'verified: counts and content hashes match'
          : 'VERIFICATION FAILED',
      '',
    ].join('\n'),
  );
  if (checked && !checked.ok) throw new CheckFailed('the copy does not verify: see the table above');
}

async function verify(
  context: CommandContext,
  flags: CopyFlags,
  location: StoreLocation,
  report: CopyReport,
): Promise<{ verification: Verification; vectorIndex: readonly VectorIndexHealth[] | null; ok: boolean }> {
  const { io } = context;
  const total = report.sourceDigest.reduce((sum, entry) => sum + entry.count, 0);
  const reopened = await openStore(location, { mustExist: true, env: io.env });
  const progress = startProgress(io, { enabled: !flags.json, label: 'verifying', total });
  try {
    const targetDigest = await digestStore(reopened.store, {
      ...(flags.project === undefined ? {} : { projectId: flags.project }),
      withoutEmbeddings: report.withoutEmbeddings,
      onRecord: () => progress.advance(),
    });
    progress.done();
    const vectorIndex = reopened.vectorHealth ? await reopened.vectorHealth() : null;
    const verification = compareDigests(report.sourceDigest, targetDigest);
    const indexOk = kindsBehind(vectorIndex ?? []).length === 0;
    return { verification, vectorIndex, ok: verification.ok && indexOk };
  } finally {
    progress.stop();
    await reopened.close();
  }
}

function indexLine(index: readonly VectorIndexHealth[] | null): string {
  if (index === null) return 'vector index: kept by the backend itself';
  if (index.length === 0) return 'vector index: in the table (pgvector HNSW), nothing to rebuild';
  const behind = kindsBehind(index);
  const indexed = index.reduce((sum, entry) => sum + entry.indexedRows, 0);
  return behind.length === 0
    ? `vector index: ${indexed.toLocaleString('en-US')} vectors indexed, in step with the rows`
    : `vector index: BEHIND for ${behind.map((entry) => entry.kind).join(', ')} (run alma doctor)`;
}

async function dryRun(
  context: CommandContext,
  flags: CopyFlags,
  source: OpenedStore,
  targetLocation: StoreLocation,
  reembed: Embedder | undefined,
): Promise<void> {
  const { io } = context;
  const progress = startProgress(io, {
    enabled: !flags.json,
    label: 'reading',
    total: await projectTotal(source, flags.project),
  });
  let digest: DigestEntry[];
  try {
    digest = await digestStore(source.store, {
      ...(flags.project === undefined ? {} : { projectId: flags.project }),
      onRecord: () => progress.advance(),
    });
    progress.done();
  } finally {
    progress.stop();
  }
  let target: OpenedStore | null = null;
  try {
    target = await openStore(targetLocation, { mustExist: true, migrate: false, env: io.env });
  } catch (error) {
    if (!isAlmaError(error, 'NOT_FOUND')) throw error;
  }
  try {
    const needed = {
      dimension: reembed?.dimension ?? source.store.dimension,
      embedder: reembed?.id ?? source.store.manifest.embedder,
    };
    const problem = target && incompatibility(target, needed);
    const rows: { kind: string; projectId: string; records: number; inTarget: number }[] = [];
    for (const entry of digest) {
      const present = target ? await target.store.kind(entry.kind).count({ projectId: entry.projectId }) : 0;
      rows.push({ kind: entry.kind, projectId: entry.projectId, records: entry.count, inTarget: present });
    }
    const total = rows.reduce((sum, row) => sum + row.records, 0);
    const result = {
      dryRun: true,
      source: source.description,
      target: target?.description ?? describeStoreLocation(targetLocation),
      targetExists: target !== null,
      ...needed,
      problem,
      rows,
      total,
    };
    printResult(context, flags.json, result, () =>
      [
        `would copy ${total.toLocaleString('en-US')} records from ${result.source} to ${result.target}${target ? '' : ' (a new store)'}`,
        `  dimension ${needed.dimension}, embedder ${needed.embedder ?? 'unrecorded'}${reembed ? ' (re-embedded)' : ''}`,
        ...rows.map(
          (row) =>
            `  ${row.kind.padEnd(16)} ${row.projectId.padEnd(24)} ${row.records.toLocaleString('en-US').padStart(10)}  (${row.inTarget.toLocaleString('en-US')} in target now)`,
        ),
        problem ? `cannot copy as is: ${problem}` : 'the target can take them: run again without --dry-run',
        '',
      ].join('\n'),
    );
    if (problem) throw new CheckFailed(problem);
  } finally {
    await target?.close();
  }
}

function incompatibility(
  target: OpenedStore,
  needed: { dimension: number; embedder: string | null },
): string | null {
  const { dimension, embedder } = target.store.manifest;
  if (dimension !== needed.dimension)
    return `the target has dimension ${dimension}, the copy ${needed.dimension}: use --reembed`;
  if (embedder !== null && needed.embedder !== null && embedder !== needed.embedder) {
    return `the target holds vectors of '${embedder}', the copy of '${needed.embedder}': use --reembed`;
  }
  return null;
}

/** The records a copy of one project will read (counts per kind); unknown for every project. */
async function projectTotal(source: OpenedStore, projectId: string | undefined): Promise<number | null> {
  return projectId === undefined ? null : (await source.store.stats({ projectId })).total;
}

/** One checkpoint per (source, target, project, embedder): running the same copy again resumes it. */
function defaultCheckpointPath(cwd: string, identity: CopyIdentity): string {
  const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
  return join(cwd, '.alma', 'checkpoints', `copy-${hash}.json`);
}
