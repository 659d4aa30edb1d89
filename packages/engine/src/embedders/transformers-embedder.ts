import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Embedder } from '@alma/core';
import { DimensionMismatchError, UnsupportedError, ValidationError } from '@alma/core';

/** The few parts of `@huggingface/transformers` used here, typed structurally: the package is optional and not a declared dependency. */
interface TransformersModule {
  readonly env: { allowRemoteModels: boolean; allowLocalModels: boolean };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: { local_files_only: boolean; dtype?: string },
  ): Promise<FeatureExtractor>;
}

type FeatureExtractor = (
  texts: string[],
  options: { readonly pooling: 'mean' | 'cls'; readonly normalize: boolean },
) => Promise<{ data: ArrayLike<number>; dims: readonly number[] }>;

interface ExtractSettings {
  readonly pooling: 'mean' | 'cls';
  readonly normalize: boolean;
  readonly batchSize: number;
}

export interface TransformersEmbedderOptions {
  /** Directory holding the model files (config.json, tokenizer.json, onnx/model.onnx, …). */
  readonly modelDirectory: string;
  /** Expected dimension; checked against the model's output when given. */
  readonly dimension?: number | undefined;
  readonly pooling?: 'mean' | 'cls' | undefined;
  readonly normalize?: boolean | undefined;
  /** ONNX weights variant, e.g. 'fp32' or 'q8'. */
  readonly dtype?: string | undefined;
  /** Texts per forward pass. */
  readonly batchSize?: number | undefined;
}

/** Loads the optional package; its absence is an UnsupportedError that says how to get it. */
async function importTransformers(): Promise<TransformersModule> {
  // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
  const specifier = '@huggingface/transformers';
  try {
    return (await import(specifier)) as TransformersModule;
  } catch (cause) {
    throw new UnsupportedError(
      'the transformers embedder needs the optional package @huggingface/transformers (pnpm add @huggingface/transformers)',
      { cause },
    );
  }
}

/**
 * Loads the pipeline and runs it once. The absolute path is the model id: it never matches the
 * hub's name pattern, so the library reads it as a path; no global model root is then shared by
 * concurrent loads, and no cached hub download of the same name is picked up instead. Whatever stops the model from producing a
 * vector (a missing or unreadable file, a dtype without its weights) is the directory's fault.
 */
async function openModel(
  transformers: TransformersModule,
  directory: string,
  settings: ExtractSettings,
  dtype: string | undefined,
): Promise<{ extract: FeatureExtractor; probe: Awaited<ReturnType<FeatureExtractor>> }> {
  try {
    const extract = await transformers.pipeline('feature-extraction', directory, {
      local_files_only: true,
      ...(dtype ? { dtype } : {}),
    });
    return { extract, probe: await extract(['dimension probe'], settings) };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ValidationError(`cannot load the model in ${directory}: ${reason}`, { cause });
  }
}

/**
 * Sentence embeddings from a local transformers model (ONNX), loaded from a directory and never
 * downloaded: remote models are switched off before the model is loaded.
 * @example const embedder = await TransformersEmbedder.load({ modelDirectory: './models/all-MiniLM-L6-v2' });
 */
export class TransformersEmbedder implements Embedder {
  readonly id: string;

  private constructor(
    private readonly extract: FeatureExtractor,
    readonly dimension: number,
    private readonly options: ExtractSettings,
    modelName: string,
  ) {
    this.id = `transformers:${modelName}:${options.pooling}${options.normalize ? '' : ':raw'}:${dimension}`;
  }

  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const directory = resolve(options.modelDirectory);
    const found = await stat(directory).catch(() => null);
    if (!found?.isDirectory()) throw new ValidationError(`model directory ${directory} does not exist`);
    const transformers = await importTransformers();
    // Global switches of the library: this process never fetches models from a hub.
    transformers.env.allowRemoteModels = false;
    transformers.env.allowLocalModels = true;
    const settings: ExtractSettings = {
      pooling: options.pooling ?? 'mean',
      normalize: options.normalize ?? true,
      batchSize: options.batchSize ?? 32,
    };
    const { extract, probe } = await openModel(transformers, directory, settings, options.dtype);
    const dimension = probe.dims.at(-1) ?? 0;
    if (options.dimension !== undefined && options.dimension !== dimension) {
      throw new DimensionMismatchError(options.dimension, dimension, {
        details: { reason: `model ${basename(directory)} produces vectors of another dimension` },
      });
    }
    return new TransformersEmbedder(extract, dimension, settings, basename(directory));
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      const batch = texts.slice(start, start + this.options.batchSize);
      const output = await this.extract(batch, this.options);
      const data = Float32Array.from(output.data);
      for (let i = 0; i < batch.length; i++) {
        vectors.push(data.slice(i * this.dimension, (i + 1) * this.dimension));
      }
    }
    return vectors;
  }
}
