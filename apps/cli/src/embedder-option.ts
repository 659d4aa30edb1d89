import { type Embedder, ValidationError } from '@alma/core';
import { createEmbedder, loadAlmaConfig } from '@alma/engine';
import { InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';

/** `--embedder hashing` or `hashing:<dimension>`: the built-in embedder; others come from a configuration file. */
export function embedderSpecArgument(value: string): { provider: 'hashing'; dimension?: number } {
  const match = /^hashing(?::(\d+))?$/.exec(value);
  if (!match)
    throw new InvalidArgumentError('expected hashing or hashing:<dimension>; other embedders: --config FILE');
  return match[1] === undefined
    ? { provider: 'hashing' }
    : { provider: 'hashing', dimension: Number(match[1]) };
}

/** The embedder `--embedder` or the configuration file's `embedder` section names; null when neither does. */
export async function chosenEmbedder(
  io: CliIo,
  flags: { readonly embedder?: { provider: 'hashing'; dimension?: number }; readonly config?: string },
): Promise<Embedder | null> {
  if (flags.embedder) return createEmbedder(flags.embedder);
  const file = flags.config ?? io.env.ALMA_CONFIG;
  if (!file) return null;
  const config = await loadAlmaConfig(file, io.env);
  if (!config.embedder) throw new ValidationError(`${file} has no embedder section`);
  return createEmbedder(config.embedder);
}
