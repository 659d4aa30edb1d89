import { expectAlmaError, PROJECT } from '@alma/core/testing';
import { describe, expect, it } from 'vitest';
import type { EngineSpecContext } from '../engine-spec-context.js';

/** The workflow layer (the original's v1.1.0): checkpoints, workflow learning, artifacts, scopes, consolidation. */
export function workflowSpec(context: EngineSpecContext): void {
  describe('workflow layer', () => {
    it('numbers checkpoints per run, skips unchanged state, and chains each branch to its parent', async () => {
      const { alma } = await context.open();
      const first = await alma.checkpoint({
        runId: 'run-1',
        nodeId: 'plan',
        state: { step: 1, done: ['fetch'] },
      });
      expect(first).toMatchObject({
        skipped: false,
        checkpoint: { sequenceNumber: 1, parentCheckpointId: null },
      });
      expect(first.checkpoint.stateHash).toMatch(/^[0-9a-f]{64}$/);
      // The same state with its keys in another order is unchanged.
      const same = await alma.checkpoint({
        runId: 'run-1',
        nodeId: 'plan',
        state: { done: ['fetch'], step: 1 },
      });
      expect(same).toEqual({ skipped: true, checkpoint: first.checkpoint });
      const second = await alma.checkpoint({ runId: 'run-1', nodeId: 'build', state: { step: 2 } });
      expect(second.checkpoint).toMatchObject({ sequenceNumber: 2, parentCheckpointId: first.checkpoint.id });
      const branch = await alma.checkpoint({
        runId: 'run-1',
        nodeId: 'test',
        branchId: 'b',
        state: { step: 3 },
        parentCheckpointId: second.checkpoint.id,
      });
      expect(branch.checkpoint).toMatchObject({ sequenceNumber: 3, branchId: 'b' });
      expect((await alma.resumePoint('run-1'))?.id).toBe(branch.checkpoint.id);
      expect((await alma.resumePoint('run-1', 'b'))?.id).toBe(branch.checkpoint.id);
      expect(await alma.resumePoint('run-2')).toBeNull();
      await expectAlmaError(
        alma.checkpoint({ runId: 'run-2', nodeId: 'x', state: {}, parentCheckpointId: first.checkpoint.id }),
        'NOT_FOUND',
      );
      await expectAlmaError(alma.checkpoint({ runId: '', nodeId: 'x', state: {} }), 'VALIDATION');
      expect(await alma.cleanupCheckpoints('run-1', 1)).toBe(2);
      expect((await alma.checkpointsOfRun('run-1')).map((c) => c.sequenceNumber)).toEqual([3]);
    });

    it('gives parallel branches checkpointing at once unique, gapless sequence numbers', async () => {
      const { alma } = await context.open();
      const saved = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          alma.checkpoint({ runId: 'parallel', nodeId: `n${i}`, branchId: `b${i}`, state: { i } }),
        ),
      );
      const numbers = saved.map((result) => result.checkpoint.sequenceNumber).sort((a, b) => a - b);
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it('learns from workflow runs like from outcomes, once per run, under the workflow scope', async () => {
      const { alma } = await context.open();
      const run = (runId: string) =>
        alma.learnFromWorkflow({
          agent: 'coder',
          workflowId: 'release',
          runId,
          result: 'success',
          summary: 'released after the canary passed',
          strategiesUsed: ['canary first', 'then full rollout'],
          tenantId: 'acme',
          durationSeconds: 12.5,
        });
      const results = [];
      for (const runId of ['r1', 'r2', 'r3']) results.push(await run(runId));
      expect(results[0]!.workflowOutcome).toMatchObject({
        runId: 'r1',
        result: 'success',
        tenantId: 'acme',
        strategiesUsed: ['canary first', 'then full rollout'],
      });
      expect(results[0]!.learnt?.outcome).toMatchObject({
        taskType: 'release',
        workflowId: 'release',
        runId: 'r1',
      });
      const lesson = results[2]!.learnt?.heuristic;
      expect(lesson?.action).toBe('created');
      expect(lesson?.record).toMatchObject({ tenantId: 'acme', workflowId: 'release', runId: null });
      await expectAlmaError(run('r1'), 'CONFLICT');
      await expectAlmaError(
        alma.learnFromWorkflow({
          agent: 'coder',
          workflowId: 'w',
          runId: 'x',
          result: 'meh' as never,
          summary: 's',
        }),
        'VALIDATION',
      );
      expect(await alma.store.kind('workflowOutcome').count({ projectId: PROJECT })).toBe(3);
      expect(await alma.store.outcomes.count({ projectId: PROJECT })).toBe(3);
    });

    it('links artifacts only to memories that exist', async () => {
      const { alma } = await context.open();
      const fact = await alma.addKnowledge({
        agent: 'coder',
        domain: 'billing',
        fact: 'cents',
        source: 'docs',
      });
      const link = await alma.linkArtifact({
        memoryId: fact.id,
        artifactType: 'log',
        storageUrl: 's3://logs/1',
        sizeBytes: 42,
      });
      expect(link).toMatchObject({ memoryId: fact.id, filename: null, sizeBytes: 42 });
      expect((await alma.artifactsOf(fact.id)).map((a) => a.id)).toEqual([link.id]);
      // Record ids are case-insensitive: a link made or read with the id in capitals is the same link.
      const upper = await alma.linkArtifact({
        memoryId: fact.id.toUpperCase(),
        artifactType: 'log',
        storageUrl: 's3://logs/2',
      });
      expect(upper.memoryId).toBe(fact.id);
      expect((await alma.artifactsOf(fact.id.toUpperCase())).map((a) => a.id)).toEqual([link.id, upper.id]);
      await expectAlmaError(
        alma.linkArtifact({
          memoryId: '01900000-0000-7000-8000-00000000dead',
          artifactType: 'log',
          storageUrl: 'x',
        }),
        'NOT_FOUND',
      );
    });

    it('retrieves within a workflow scope, inside the agent scopes; global reads every agent', async () => {
      const { alma, embedder } = await context.open();
      const put = (agent: string, fact: string, scope: Record<string, string | null>) =>
        alma.store.domainKnowledge.put({
          projectId: PROJECT,
          agent,
          domain: 'deploys',
          fact,
          source: 'test',
          embedding: embedder.embedOne(fact),
          ...scope,
        } as never);
      for (const [agent, fact, scope] of [
        ['coder', 'node fact', { tenantId: 't', workflowId: 'w', runId: 'r', nodeId: 'n' }],
        ['coder', 'run fact', { tenantId: 't', workflowId: 'w', runId: 'r', nodeId: null }],
        ['coder', 'workflow fact', { tenantId: 't', workflowId: 'w', runId: null, nodeId: null }],
        ['coder', 'other tenant fact', { tenantId: 'u', workflowId: 'w', runId: null, nodeId: null }],
        ['ops', 'ops fact', { tenantId: 't', workflowId: 'w', runId: 'r', nodeId: 'n' }],
      ] as const) {
        await put(agent, fact, scope);
      }
      const facts = async (level: 'node' | 'run' | 'workflow' | 'tenant' | 'agent' | 'global') =>
        (
          await alma.retrieve('deploy facts', 'coder', {
            topK: 10,
            minScore: 0,
            scope: { level, context: { tenantId: 't', workflowId: 'w', runId: 'r', nodeId: 'n' } },
          })
        ).domainKnowledge
          .map((m) => m.record.fact)
          .sort();
      expect(await facts('node')).toEqual(['node fact']);
      expect(await facts('run')).toEqual(['node fact', 'run fact']);
      expect(await facts('workflow')).toEqual(['node fact', 'run fact', 'workflow fact']);
      expect(await facts('tenant')).toEqual(['node fact', 'run fact', 'workflow fact']);
      expect(await facts('agent')).toEqual(['node fact', 'other tenant fact', 'run fact', 'workflow fact']);
      expect(await facts('global')).toContain('ops fact');
      await expectAlmaError(alma.retrieve('x', 'coder', { scope: { level: 'run' } }), 'VALIDATION');
    });

    it('consolidates near-duplicates: a dry run reports, a run merges into the strongest and archives the rest', async () => {
      const { alma, embedder } = await context.open();
      const put = (condition: string, confidence: number, occurrenceCount: number) =>
        alma.store.heuristics.put({
          projectId: PROJECT,
          agent: 'coder',
          condition,
          strategy: 'retry with backoff',
          confidence,
          occurrenceCount,
          successCount: occurrenceCount,
          embedding: embedder.embedOne(`${condition}\nretry with backoff`),
        } as never);
      const weak = await put('flaky network calls', 0.5, 2);
      const strong = await put('flaky network calls', 0.9, 3);
      const other = await put('the database schema migration is slow and blocks the deploy', 0.7, 1);
      const preview = await alma.consolidate({
        agent: 'coder',
        kind: 'heuristic',
        similarityThreshold: 0.95,
      });
      expect(preview).toMatchObject({ dryRun: true, memoriesProcessed: 3, mergedCount: 1 });
      expect(preview.groups).toEqual([
        { keptId: strong.id, mergedIds: [weak.id], similarity: expect.any(Number) },
      ]);
      expect(await alma.store.heuristics.get(weak)).not.toBeNull();
      const done = await alma.consolidate({
        agent: 'coder',
        kind: 'heuristic',
        similarityThreshold: 0.95,
        dryRun: false,
      });
      expect(done.mergedCount).toBe(1);
      expect(await alma.store.heuristics.get(weak)).toBeNull();
      expect(await alma.store.heuristics.get(other)).toEqual(other);
      const kept = await alma.store.heuristics.get(strong);
      expect(kept).toMatchObject({
        occurrenceCount: 5,
        successCount: 5,
        metadata: { mergedFrom: [weak.id] },
      });
      const { items } = await alma.listArchive({ agent: 'coder' });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        originalKind: 'heuristic',
        originalId: weak.id,
        mergedInto: strong.id,
      });
      const restored = await alma.restoreArchived(items[0]!.id);
      expect(restored).toEqual(weak);
      expect((await alma.store.heuristics.get(strong))?.metadata.mergedFrom).toEqual([]);
      expect((await alma.listArchive()).items).toEqual([]);
      await expectAlmaError(alma.consolidate({ agent: 'coder', kind: 'outcome' as never }), 'VALIDATION');
    });
  });
}
