import type { MemoryKind } from '@alma/core';
import type { MemorySlice, ScoredMemory } from './memory-slice.js';

/** Characters per token of English text for GPT-style tokenizers: an estimate, deliberately without a tokenizer. */
const CHARS_PER_TOKEN = 4;

/** Estimated tokens of a text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

interface Section<K extends MemoryKind> {
  readonly title: string;
  readonly memories: readonly ScoredMemory<K>[];
  readonly line: (memory: ScoredMemory<K>) => string;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const from = (memory: ScoredMemory<MemoryKind>) =>
  memory.shared ? ` [from ${(memory.record as { agent?: string }).agent}]` : '';

function sectionsOf(slice: MemorySlice): Section<MemoryKind>[] {
  const sections: Section<never>[] = [
    {
      title: 'Strategies that worked',
      memories: slice.heuristics,
      line: (m: ScoredMemory<'heuristic'>) =>
        `- When ${m.record.condition}: ${m.record.strategy} (confidence ${percent(m.record.confidence)}, ${m.record.successCount}/${m.record.occurrenceCount} succeeded)${from(m)}`,
    } as Section<'heuristic'>,
    {
      title: 'Avoid',
      memories: slice.antiPatterns,
      line: (m: ScoredMemory<'antiPattern'>) =>
        `- Don't: ${m.record.pattern}. Why: ${m.record.whyBad}. Instead: ${m.record.betterAlternative} (seen ${m.record.occurrenceCount}×)${from(m)}`,
    } as Section<'antiPattern'>,
    {
      title: 'User preferences',
      memories: slice.preferences,
      line: (m: ScoredMemory<'preference'>) => `- ${m.record.category}: ${m.record.preference}`,
    } as Section<'preference'>,
    {
      title: 'Domain knowledge',
      memories: slice.domainKnowledge,
      line: (m: ScoredMemory<'domainKnowledge'>) => `- ${m.record.domain}: ${m.record.fact}${from(m)}`,
    } as Section<'domainKnowledge'>,
    {
      title: 'Similar past tasks',
      memories: slice.outcomes,
      line: (m: ScoredMemory<'outcome'>) =>
        `- ${m.record.success ? 'worked' : 'failed'}: ${m.record.taskDescription} using ${m.record.strategyUsed}${
          m.record.errorMessage ? ` (error: ${m.record.errorMessage})` : ''
        }${from(m)}`,
    } as Section<'outcome'>,
  ];
  return sections as Section<MemoryKind>[];
}

/**
 * Renders a slice as a prompt block of at most `maxTokens` estimated tokens. Sections come in order
 * of use (strategies, anti-patterns, preferences, knowledge, past tasks), memories best first; a
 * memory that does not fit is left out whole, and a last line says how many were.
 */
export function renderPrompt(slice: MemorySlice, options: { readonly maxTokens: number }): string {
  const omittedNote = (n: number) =>
    `(${n} more ${n === 1 ? 'memory' : 'memories'} left out to fit the budget)`;
  const total = sectionsOf(slice).reduce((sum, s) => sum + s.memories.length, 0);
  // Room for the note is kept back so that it always fits when it is needed.
  const budget = options.maxTokens - estimateTokens(`\n${omittedNote(total)}`);
  const lines: string[] = [];
  let used = 0;
  let included = 0;
  const fits = (text: string) => used + estimateTokens(`${text}\n`) <= budget;
  for (const section of sectionsOf(slice)) {
    const header = `${lines.length > 0 ? '\n' : ''}## ${section.title}`;
    let headed = false;
    for (const memory of section.memories) {
      const line = section.line(memory);
      const block = headed ? line : `${header}\n${line}`;
      if (!fits(block)) continue;
      lines.push(block);
      used += estimateTokens(`${block}\n`);
      headed = true;
      included++;
    }
  }
  if (included < total) lines.push(`${lines.length > 0 ? '\n' : ''}${omittedNote(total - included)}`);
  return lines.join('\n');
}
