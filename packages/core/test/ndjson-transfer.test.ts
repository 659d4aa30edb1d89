import { createHash } from 'node:crypto';
import { exportStore, MemoryAdapter, MemoryStore, readExport } from '@alma/core';
import { expectAlmaError, sampleInput } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';

async function exportedLines(): Promise<string[]> {
  const store = await MemoryStore.open(new MemoryAdapter(), { dimension: 4 });
  await store.heuristics.putMany([
    sampleInput('heuristic', { embedding: [0.5, -1, 2.25, 0] }),
    sampleInput('heuristic', { metadata: { a: 1 } }),
  ]);
  await store.outcomes.put(sampleInput('outcome', { success: false }));
  const lines: string[] = [];
  for await (const line of exportStore(store)) lines.push(line);
  return lines;
}

async function readAll(lines: string[]) {
  const items = [];
  async function* source() {
    yield* lines;
  }
  for await (const item of readExport(source())) items.push(item);
  return items;
}

describe('NDJSON export format', () => {
  it('writes a header, one line per record and a summary with counts and hash', async () => {
    const lines = await exportedLines();
    expect(JSON.parse(lines[0]!)).toEqual({
      format: 'alma-export',
      version: 2,
      dimension: 4,
      embedder: null,
    });
    const summary = JSON.parse(lines.at(-1)!);
    expect(summary.counts).toEqual({
      heuristic: 2,
      outcome: 1,
      preference: 0,
      domainKnowledge: 0,
      antiPattern: 0,
      checkpoint: 0,
      workflowOutcome: 0,
      artifactLink: 0,
      archivedMemory: 0,
    });
    expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
    const first = JSON.parse(lines[1]!);
    expect(first.record.embedding).toBe(
      Buffer.from(new Float32Array([0.5, -1, 2.25, 0]).buffer).toString('base64'),
    );
    expect(await readAll(lines)).toHaveLength(1 + 3);
  });

  it('names the line of a damaged record', async () => {
    const lines = await exportedLines();
    lines[2] = lines[2]!
      .replace('"success":false', '"success":"no"')
      .replace('"metadata":{"a":1}', '"metadata":[1]');
    const error = await expectAlmaError(readAll(lines), 'CORRUPT_DATA');
    expect(error.message).toMatch(/^line 3: /);
  });

  it('detects truncation, tampering and garbage', async () => {
    const lines = await exportedLines();
    await expectAlmaError(readAll(lines.slice(0, -1)), 'CORRUPT_DATA');
    await expectAlmaError(readAll([...lines.slice(0, 2), ...lines.slice(3)]), 'CORRUPT_DATA');
    const tampered = [...lines];
    tampered[1] = tampered[1]!.replace('tests fail', 'tests pass');
    const error = await expectAlmaError(readAll(tampered), 'CORRUPT_DATA');
    expect(error.message).toContain('hash');
    await expectAlmaError(readAll(['not json\n']), 'CORRUPT_DATA');
    await expectAlmaError(readAll([]), 'CORRUPT_DATA');
    await expectAlmaError(readAll([lines[0]!, '{"kind":"gossip","record":{}}\n']), 'CORRUPT_DATA');
  });

  it('reads a version-1 export (before the workflow layer): scope fields come back null', async () => {
    const v1Heuristic = {
      id: '01900000-0000-7000-8000-000000000001',
      projectId: 'p',
      createdAt: '2026-01-02T03:04:05.678Z',
      updatedAt: '2026-01-02T03:04:05.678Z',
      metadata: {},
      embedding: null,
      agent: 'coder',
      condition: 'tests fail',
      strategy: 'run them',
      confidence: 0.5,
      occurrenceCount: 2,
      successCount: 1,
      lastValidated: '2026-01-02T03:04:05.678Z',
    };
    const record = `${JSON.stringify({ kind: 'heuristic', record: v1Heuristic })}\n`;
    const counts = { heuristic: 1, outcome: 0, preference: 0, domainKnowledge: 0, antiPattern: 0 };
    const v1 = [
      `${JSON.stringify({ format: 'alma-export', version: 1, dimension: 4, embedder: null })}\n`,
      record,
      `${JSON.stringify({ end: true, counts, sha256: createHash('sha256').update(record).digest('hex') })}\n`,
    ];
    const items = await readAll(v1);
    expect(items[1]).toMatchObject({
      kind: 'heuristic',
      record: { condition: 'tests fail', tenantId: null, workflowId: null, runId: null, nodeId: null },
    });
    const checkpointLine = `${JSON.stringify({ kind: 'checkpoint', record: {} })}\n`;
    const error = await expectAlmaError(readAll([v1[0]!, checkpointLine]), 'CORRUPT_DATA');
    expect(error.message).toContain('for export version 1');
  });
});
