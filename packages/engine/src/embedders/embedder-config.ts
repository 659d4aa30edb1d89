import { MAX_DIMENSION } from '@alma/core';
import { z } from 'zod';

/**
 * Numbers in configuration files may arrive as strings after `${VAR}` expansion; only fields that
 * are numbers accept that, so an API key that looks numeric is never turned into one.
 */
export function configNumber<T extends z.ZodType<number>>(schema: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
        ? Number(value)
        : value,
    schema,
  );
}

/** Booleans in configuration files may arrive as the strings "true" or "false" after expansion. */
export function configBoolean() {
  return z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
}

const dimension = configNumber(z.number().int().min(1).max(MAX_DIMENSION));

/** Request tuning shared by the OpenAI and Azure OpenAI providers. */
export const httpTuningShape = {
  /** Texts per request; OpenAI accepts up to 2,048. */
  batchSize: configNumber(z.number().int().min(1).max(2048)).default(256),
  /** Retries after a 408, 409, 429, 5xx or network failure; the first attempt is not a retry. */
  maxRetries: configNumber(z.number().int().min(0).max(20)).default(5),
  initialBackoffMs: configNumber(z.number().min(0).max(60_000)).default(500),
  maxBackoffMs: configNumber(z.number().min(0).max(300_000)).default(20_000),
  timeoutMs: configNumber(z.number().int().min(1).max(600_000)).default(30_000),
  /** Sends `dimensions` so text-embedding-3 models shorten their vectors to `dimension`. */
  requestDimensions: configBoolean().default(false),
};

const secret = z.string().min(1, 'must not be empty');

/** Which embedder to build, as written in a configuration file. */
export const embedderSpecSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('hashing'),
    dimension: configNumber(z.number().int().min(8).max(MAX_DIMENSION)).default(384),
  }),
  z.strictObject({
    provider: z.literal('openai'),
    model: z.string().min(1),
    dimension,
    apiKey: secret,
    baseUrl: z.url().default('https://api.openai.com/v1'),
    ...httpTuningShape,
  }),
  z.strictObject({
    provider: z.literal('azure-openai'),
    /** e.g. https://my-resource.openai.azure.com */
    endpoint: z.url(),
    deployment: z.string().min(1),
    apiVersion: z.string().min(1).default('2024-10-21'),
    /** The model the deployment serves; it names the vector space, so it is part of the embedder id. */
    model: z.string().min(1),
    dimension,
    apiKey: secret,
    ...httpTuningShape,
  }),
  z.strictObject({
    provider: z.literal('transformers'),
    /** A local directory holding the model (config.json, tokenizer files, onnx/). Nothing is downloaded. */
    modelDirectory: z.string().min(1),
    /** Checked against what the model produces when given. */
    dimension: dimension.optional(),
    pooling: z.enum(['mean', 'cls']).default('mean'),
    normalize: configBoolean().default(true),
    /** ONNX weights variant, e.g. 'fp32' or 'q8' (selects onnx/model.onnx or onnx/model_quantized.onnx). */
    dtype: z.string().min(1).optional(),
  }),
]);

export type EmbedderSpec = z.output<typeof embedderSpecSchema>;
export type EmbedderSpecInput = z.input<typeof embedderSpecSchema>;
