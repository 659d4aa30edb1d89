import {
  type ArchivedMemory,
  cosineSimilarity,
  embeddingText,
  encodeRecord,
  type Filter,
  type MemoryRecord,
  ValidationError,
} from '@alma/core';
import type { EngineContext } from '../engine-context.js';
import { nameBasedId } from '../name-based-id.js';
import { findAll } from './find-all.js';
import { type MergedText, OpenAITextMerger, type TextMerger } from './text-merger.js';

/** The kinds consolidation merges: lessons and facts. Outcomes are history and are never merged. */
export const CONSOLIDATED_KINDS = ['heuristic', 'domainKnowledge', 'antiPattern'] as const;
export type ConsolidatedKind = (typeof CONSOLIDATED_KINDS)[number];

export interface ConsolidateOptions {
  readonly agent: string;
  readonly kind: ConsolidatedKind;
  /** Cosine similarity from which two memories are one; default 0.85. */
  readonly similarityThreshold?: number;
  /** Default true: report the groups, change nothing. */
  readonly dryRun?: boolean;
  /** Writes the merged text; default: the kept memory's text, unchanged. */
  readonly merger?: TextMerger | undefined;
  /** Merged text from the configuration's chat model (`consolidation.llm`), unless `merger` is given. */
  readonly useLlm?: boolean | undefined;
}

export interface MergeGroup {
  /** The memory that stays and stands for the group. */
  readonly keptId: string;
  /** The memories merged into it, archived and deleted (unless a dry run). */
  readonly mergedIds: readonly string[];
  /** The lowest similarity of a merged memory to the kept one. */
  readonly similarity: number;
}

export interface ConsolidationReport {
  readonly dryRun: boolean;
  readonly kind: ConsolidatedKind;
  readonly memoriesProcessed: number;
  readonly groups: readonly MergeGroup[];
  /** Memories merged away (archived): the groups' sizes less one each. */
  readonly mergedCount: number;
}

type Consolidated = MemoryRecord<ConsolidatedKind>;

/**
 * Groups an agent's near-duplicate memories of one kind and merges each group into one. Memories
 * group only within one workflow scope (tenant, workflow, run, node all equal) and only when they
 * have embeddings. Grouping is deterministic: in id order, each memory not yet grouped gathers every
 * later one at least `similarityThreshold` similar to it. The memory kept is the most confident (for
 * anti-patterns the most seen), ties to the smaller id; it takes the group's counts and lists the
 * others in `metadata.mergedFrom`. The others go to the archive (restorable) before they are deleted.
 */
export async function consolidate(
  context: EngineContext,
  options: ConsolidateOptions,
): Promise<ConsolidationReport> {
  if (!(CONSOLIDATED_KINDS as readonly string[]).includes(options.kind)) {
    throw new ValidationError(`consolidation merges ${CONSOLIDATED_KINDS.join(', ')}, not '${options.kind}'`);
  }
  const threshold = options.similarityThreshold ?? 0.85;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new ValidationError('similarityThreshold must be between 0 and 1', { details: { threshold } });
  }
  context.scopes.scopeOf(options.agent);
  const dryRun = options.dryRun ?? true;
  const merger = options.merger ?? (options.useLlm ? configuredMerger(context) : undefined);
  const key = JSON.stringify(['consolidate', context.projectId, options.agent, options.kind]);
  return context.store.exclusive(key, async () => {
    const memories = await memoriesOf(context, options.kind, options.agent);
    const groups = groupsOf(memories, threshold, options.kind);
    if (!dryRun) {
      for (const group of groups) await mergeGroup(context, options.kind, group, merger);
    }
    return {
      dryRun,
      kind: options.kind,
      memoriesProcessed: memories.length,
      groups: groups.map((group) => ({
        keptId: group.kept.id,
        mergedIds: group.merged.map((memory) => memory.id),
        similarity: group.similarity,
      })),
      mergedCount: groups.reduce((total, group) => total + group.merged.length, 0),
    };
  });
}

function configuredMerger(context: EngineContext): TextMerger {
  const llm = context.config.consolidation.llm;
  if (!llm) {
    throw new ValidationError('useLlm needs consolidation.llm (baseUrl, model, apiKey) in the configuration');
  }
  return new OpenAITextMerger(llm);
}

interface Group {
  readonly kept: Consolidated;
  readonly merged: readonly Consolidated[];
  readonly similarity: number;
}

async function memoriesOf(
  context: EngineContext,
  kind: ConsolidatedKind,
  agent: string,
): Promise<Consolidated[]> {
  const all = await findAll(context.store.kind(kind), {
    projectId: context.projectId,
    agent,
  } as Filter<ConsolidatedKind>);
  const memories = (all as Consolidated[]).filter((memory) => memory.embedding !== null);
  return memories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function groupsOf(memories: readonly Consolidated[], threshold: number, kind: ConsolidatedKind): Group[] {
  const grouped = new Set<string>();
  const groups: Group[] = [];
  for (const [i, seed] of memories.entries()) {
    if (grouped.has(seed.id)) continue;
    const members = [seed];
    let lowest = 1;
    for (const other of memories.slice(i + 1)) {
      if (grouped.has(other.id) || scopeKey(other) !== scopeKey(seed)) continue;
      const similarity = cosineSimilarity(seed.embedding!, other.embedding!);
      if (similarity >= threshold) {
        members.push(other);
        lowest = Math.min(lowest, similarity);
      }
    }
    if (members.length < 2) continue;
    for (const member of members) grouped.add(member.id);
    const [kept, ...merged] = [...members].sort(
      (a, b) => strength(kind, b) - strength(kind, a) || (a.id < b.id ? -1 : 1),
    );
    groups.push({ kept: kept!, merged, similarity: lowest });
  }
  return groups;
}

function scopeKey(memory: Consolidated): string {
  return JSON.stringify([memory.tenantId, memory.workflowId, memory.runId, memory.nodeId]);
}

function strength(kind: ConsolidatedKind, memory: Consolidated): number {
  if (kind === 'antiPattern') return (memory as MemoryRecord<'antiPattern'>).occurrenceCount;
  return (memory as MemoryRecord<'heuristic' | 'domainKnowledge'>).confidence;
}

/**
 * Archives the merged memories first (ids derived from the memory and the one kept, so a retry
 * rewrites the same entries), then updates the kept one, then deletes the merged: a merge cut short
 * leaves every memory either in use or in the archive, never lost, and running it again finishes it.
 */
async function mergeGroup(
  context: EngineContext,
  kind: ConsolidatedKind,
  group: Group,
  merger: TextMerger | undefined,
): Promise<void> {
  const { store, projectId } = context;
  const now = context.clock();
  // The merged text (and its embedding) first: a merger that fails leaves the group untouched.
  const text = merger ? await merger.merge(kind, [group.kept, ...group.merged]) : null;
  const embedding = text
    ? (await context.vectors.embed([embeddingText(kind, { ...group.kept, ...text } as never)]))[0]!
    : undefined;
  const archived = group.merged.map((memory) => archiveEntry(kind, memory, group.kept.id, now));
  const { failures } = await store.kind('archivedMemory').putMany(archived);
  if (failures.length > 0) throw failures[0]!.error;
  const fields = { ...mergedFields(kind, group, text), ...(embedding ? { embedding } : {}) };
  await store.kind(kind).update(group.kept, fields as never);
  await store
    .kind(kind)
    .deleteWhere({ projectId, id: { in: group.merged.map((memory) => memory.id) } } as never);
}

function archiveEntry(kind: ConsolidatedKind, memory: Consolidated, keptId: string, now: Date) {
  const { embedding: _, ...record } = encodeRecord(kind, memory);
  return {
    id: nameBasedId(['archivedMemory', memory.projectId, kind, memory.id, keptId]),
    projectId: memory.projectId,
    originalKind: kind,
    originalId: memory.id,
    agent: memory.agent,
    reason: 'consolidated',
    mergedInto: keptId,
    record: record as Record<string, never>,
    archivedAt: now,
    embedding: memory.embedding,
  } satisfies Partial<ArchivedMemory>;
}

/** The kept memory's new fields: the group's counts and dates, its provenance, and any merged text. */
function mergedFields(
  kind: ConsolidatedKind,
  group: Group,
  text: MergedText | null,
): Record<string, unknown> {
  const all = [group.kept, ...group.merged];
  const previous = Array.isArray(group.kept.metadata.mergedFrom) ? group.kept.metadata.mergedFrom : [];
  const metadata = {
    ...group.kept.metadata,
    mergedFrom: [...previous, ...group.merged.map((memory) => memory.id)],
  };
  const latest = (dates: Date[]) => new Date(Math.max(...dates.map((date) => date.getTime())));
  const fields: Record<string, unknown> = { metadata, ...text };
  if (kind === 'heuristic') {
    const heuristics = all as MemoryRecord<'heuristic'>[];
    const occurrenceCount = heuristics.reduce((total, h) => total + h.occurrenceCount, 0);
    const successCount = heuristics.reduce((total, h) => total + h.successCount, 0);
    Object.assign(fields, {
      occurrenceCount,
      successCount,
      confidence:
        occurrenceCount === 0
          ? (group.kept as MemoryRecord<'heuristic'>).confidence
          : successCount / occurrenceCount,
      lastValidated: latest(heuristics.map((h) => h.lastValidated)),
    });
  } else if (kind === 'antiPattern') {
    const antiPatterns = all as MemoryRecord<'antiPattern'>[];
    Object.assign(fields, {
      occurrenceCount: antiPatterns.reduce((total, a) => total + a.occurrenceCount, 0),
      lastSeen: latest(antiPatterns.map((a) => a.lastSeen)),
    });
  } else {
    const facts = all as MemoryRecord<'domainKnowledge'>[];
    Object.assign(fields, {
      confidence: Math.max(...facts.map((f) => f.confidence)),
      lastVerified: latest(facts.map((f) => f.lastVerified)),
    });
  }
  return fields;
}
