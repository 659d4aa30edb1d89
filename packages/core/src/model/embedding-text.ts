import type { Kind, MemoryRecord } from './kinds.js';

type TextFields = {
  readonly heuristic: Pick<MemoryRecord<'heuristic'>, 'condition' | 'strategy'>;
  readonly outcome: Pick<MemoryRecord<'outcome'>, 'taskDescription' | 'strategyUsed'>;
  readonly preference: Pick<MemoryRecord<'preference'>, 'category' | 'preference'>;
  readonly domainKnowledge: Pick<MemoryRecord<'domainKnowledge'>, 'domain' | 'fact'>;
  readonly antiPattern: Pick<MemoryRecord<'antiPattern'>, 'pattern' | 'whyBad'>;
};

/**
 * The text whose embedding represents a memory: what a task is compared with at retrieval. The
 * engine embeds it on every write and `reembedStore` recomputes it, so both always agree.
 */
export function embeddingText<K extends Kind>(kind: K, fields: TextFields[K]): string {
  const f = fields as TextFields[Kind];
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
    default: {
      const a = f as TextFields['antiPattern'];
      return `${a.pattern}\n${a.whyBad}`;
    }
  }
}
