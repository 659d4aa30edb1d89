import type { Kind, MemoryRecord } from '@alma/core';
import type { Alma } from '@alma/engine';
import { type CommandContext, printResult } from '../command-context.js';
import type { EngineFlags } from '../option-parsers.js';
import { recordJson } from '../record-output.js';
import { openEngine } from '../store-session.js';

/** What every `add-*` command does once its flags are parsed. */
export interface MemoryWrite<K extends Kind> {
  readonly kind: K;
  /** How the one-line answer names the memory: `<noun> <id> stored`. */
  readonly noun: string;
  /** The agents the engine must know for this write (none for a user's preference). */
  readonly agents: readonly string[];
  write(alma: Alma): Promise<MemoryRecord<K>>;
}

/** Opens the engine (creating the store), stores one memory, prints it as JSON or one line, closes. */
export async function storeMemory<K extends Kind>(
  context: CommandContext,
  flags: EngineFlags,
  memory: MemoryWrite<K>,
): Promise<void> {
  const session = await openEngine(context.io, { ...flags, create: true }, memory.agents);
  try {
    const record = await memory.write(session.alma);
    printResult(
      context,
      flags.json,
      recordJson(memory.kind, record),
      () => `${memory.noun} ${record.id} stored\n`,
    );
  } finally {
    await session.close();
  }
}
