import { type MemoryRecord, StorageError, ValidationError } from '@alma/core';
import { z } from 'zod';
import type { ConsolidatedKind } from './consolidation.js';

/** The text fields of a merged memory, as the merger wrote them. */
export type MergedText = Readonly<Record<string, string>>;

/** Writes one memory's text from a group of near-duplicates; the first is the one kept. */
export interface TextMerger {
  merge(kind: ConsolidatedKind, memories: readonly MemoryRecord<ConsolidatedKind>[]): Promise<MergedText>;
}

/** The fields a merger may rewrite, per kind: the memory's words, never its counts or dates. */
export const MERGED_TEXT_FIELDS: Readonly<Record<ConsolidatedKind, readonly string[]>> = {
  heuristic: ['condition', 'strategy'],
  domainKnowledge: ['fact'],
  antiPattern: ['pattern', 'whyBad', 'betterAlternative'],
};

const optionsSchema = z.strictObject({
  /** Any server speaking OpenAI's chat completions API. */
  baseUrl: z.url(),
  model: z.string().min(1),
  apiKey: z.string().min(1),
  timeoutMs: z.number().int().min(1).default(60_000),
});
export type OpenAITextMergerOptions = z.input<typeof optionsSchema>;

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/**
 * Merged text from a chat model behind an OpenAI-compatible endpoint (`POST {baseUrl}/chat/completions`,
 * JSON mode). The answer must be a JSON object with exactly the kind's text fields, each a non-empty
 * string; anything else is refused, and consolidation then writes nothing for the group.
 */
export class OpenAITextMerger implements TextMerger {
  private readonly settings: z.output<typeof optionsSchema>;

  constructor(
    options: OpenAITextMergerOptions,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
  ) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new ValidationError(`invalid text merger options: ${parsed.error.issues[0]?.message}`);
    }
    this.settings = parsed.data;
  }

  async merge(
    kind: ConsolidatedKind,
    memories: readonly MemoryRecord<ConsolidatedKind>[],
  ): Promise<MergedText> {
    const fields = MERGED_TEXT_FIELDS[kind];
    const items = memories.map((memory) =>
      Object.fromEntries(fields.map((field) => [field, (memory as Record<string, unknown>)[field]])),
    );
    const body = {
      model: this.settings.model,
      response_format: { type: 'json_object' },
      temperature: 0,
      messages: [
        {
          role: 'system',
          content: `You merge near-duplicate ${kind} memories of an AI agent into one. Answer with a JSON object with exactly the keys ${fields.join(', ')}, each a string that keeps every fact the inputs state.`,
        },
        { role: 'user', content: JSON.stringify(items) },
      ],
    };
    const content = await this.complete(body);
    return parseMergedText(kind, content);
  }

  private async complete(body: unknown): Promise<string> {
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.settings.apiKey}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (cause) {
      throw new StorageError(`text merger request failed: ${(cause as Error).message}`, { cause });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new StorageError(`text merger answered ${response.status}: ${text.slice(0, 200)}`, {
        details: { status: response.status },
      });
    }
    const parsed = completionSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new StorageError('text merger answered without a chat completion');
    return parsed.data.choices[0]!.message.content;
  }
}

/** The model's answer as the kind's text fields, or a ValidationError saying what was wrong. */
export function parseMergedText(kind: ConsolidatedKind, content: string): MergedText {
  const fields = MERGED_TEXT_FIELDS[kind];
  const schema = z.strictObject(Object.fromEntries(fields.map((field) => [field, z.string().trim().min(1)])));
  const parsed = schema.safeParse(safeJson(content));
  if (!parsed.success) {
    throw new ValidationError(`the merged ${kind} text must be a JSON object of ${fields.join(', ')}`, {
      details: { issue: parsed.error.issues[0]?.message },
    });
  }
  return parsed.data as MergedText;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
