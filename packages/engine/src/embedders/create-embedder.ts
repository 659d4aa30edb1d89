import type { Embedder } from '@alma/core';
import { validationErrorFrom } from '@alma/core';
import { type EmbedderSpecInput, embedderSpecSchema } from './embedder-config.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { OpenAIEmbedder, type OpenAIEmbedderDeps } from './openai-embedder.js';
import { TransformersEmbedder } from './transformers-embedder.js';

/**
 * Builds the embedder a configuration names: the offline hashing default, OpenAI, Azure OpenAI or a
 * local transformers model.
 */
export async function createEmbedder(
  spec: EmbedderSpecInput,
  deps: OpenAIEmbedderDeps = {},
): Promise<Embedder> {
  const parsed = embedderSpecSchema.safeParse(spec);
  if (!parsed.success) throw validationErrorFrom('invalid embedder configuration', parsed.error);
  const config = parsed.data;
  switch (config.provider) {
    case 'hashing':
      return new HashingEmbedder(config.dimension);
    case 'openai': {
      const { provider: _, ...options } = config;
      return new OpenAIEmbedder(options, deps);
    }
    case 'azure-openai': {
      const { provider: _, endpoint, deployment, apiVersion, ...options } = config;
      return new OpenAIEmbedder({ ...options, azure: { endpoint, deployment, apiVersion } }, deps);
    }
    case 'transformers': {
      const { provider: _, ...options } = config;
      return TransformersEmbedder.load(options);
    }
  }
}
