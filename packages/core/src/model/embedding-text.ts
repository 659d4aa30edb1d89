import { isMemoryKind, type Kind, type MemoryRecord } from './kinds.js';

type TextFields = {
  readonly heuristic: Pick<MemoryRecord<'heuristic'>, 'condition' | 'strategy'>;
  readonly outcome: Pick<MemoryRecord<'outcome'>, 'taskDescription' | 'strategyUsed'>;
  readonly preference: Pick<MemoryRecord<'preference'>, 'category' | 'preference'>;
  readonly domainKnowledge: Pick<MemoryRecord<'domainKnowledge'>, 'domain' | 'fact'>;
  readonly antiPattern: Pick<MemoryRecord<'antiPattern'>, 'pattern' | 'whyBad'>;
  readonly workflowOutcome: Pick<MemoryRecord<'workflowOutcome'>, 'workflowId' | 'summary'>;
};
/** The kinds whose records are found by meaning; checkpoints and artifact links are looked up by id. */
export type EmbeddedKind = keyof TextFields;

/**
 * The text whose embedding represents a memory: what a task is compared with at retrieval. The
 * engine embeds it on every write and `reembedStore` recomputes it, so both always agree.
 */
export function embeddingText<K extends EmbeddedKind>(kind: K, fields: TextFields[K]): string {
  const f = fields as TextFields[EmbeddedKind];
  switch (kind) {
    case 'heuristic': {
      const h = f as TextFields['heuristic'];
      return `${h.condition}\n${h.strategy}`;
    }
    case 'outcome': {
      const o = f as TextFields['outcome'];
      return `${o.taskDescription}\n${o.strategyUsed}`;
    }
    case 'preference': {
      const p = f as TextFields['preference'];
      return `${p.category}: ${p.preference}`;
    }
    case 'domainKnowledge': {
      const d = f as TextFields['domainKnowledge'];
      return `${d.domain}: ${d.fact}`;
    }
    case 'workflowOutcome': {
      const w = f as TextFields['workflowOutcome'];
      return `${w.workflowId}: ${w.summary}`;
    }
    default: {
      const a = f as TextFields['antiPattern'];
      return `${a.pattern}\n${a.whyBad}`;
    }
  }
}

/**
 * The embedding text of any stored record, or null for a kind that is not embedded. An archived
 * memory keeps the embedding of the memory it was, so its text is that memory's.
 */
export function embeddingTextOfRecord(kind: Kind, record: MemoryRecord<Kind>): string | null {
  if (isMemoryKind(kind) || kind === 'workflowOutcome') return embeddingText(kind, record as never);
  if (kind !== 'archivedMemory') return null;
  const archived = record as MemoryRecord<'archivedMemory'>;
  const original = archived.originalKind as Kind;
  return isMemoryKind(original) ? embeddingText(original, archived.record as never) : null;
}
