import {
  type Attributes,
  type Counter,
  type Histogram,
  type MeterProvider,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { isAlmaError } from '../errors/alma-error.js';
import type { NormalizedFilter } from '../filter/filter-types.js';
import type { Kind, MemoryRecord, Ref } from '../model/kinds.js';
import type {
  AdapterFindQuery,
  AdapterTextQuery,
  AdapterVectorQuery,
  BatchFailure,
  ScanOptions,
  SchemaStatus,
  ScoredRecord,
} from '../store/query-types.js';
import type { RecordChange, StoreAdapter, StoreManifest } from '../store/store-adapter.js';

/** The instrumentation scope name under which spans and metrics appear. */
export const TELEMETRY_SCOPE = '@alma/core';

export interface TelemetryOptions {
  /** Default: the global provider registered with @opentelemetry/api (a no-op until one is). */
  readonly tracerProvider?: TracerProvider;
  readonly meterProvider?: MeterProvider;
}

interface Instruments {
  readonly tracer: Tracer;
  readonly duration: Histogram;
  readonly operations: Counter;
  readonly records: Counter;
}

/**
 * Wraps any store adapter so that every operation gets an OpenTelemetry span (`alma.store.<op>`,
 * with backend, kind and result size; errors recorded with their code), a duration histogram entry
 * and counters of operations and records per kind and operation. Behaviour is unchanged.
 * @example const store = await MemoryStore.open(instrumentAdapter(new MemoryAdapter()), { dimension: 384 });
 */
export function instrumentAdapter(adapter: StoreAdapter, options: TelemetryOptions = {}): StoreAdapter {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(TELEMETRY_SCOPE);
  return new InstrumentedAdapter(adapter, {
    tracer: (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TELEMETRY_SCOPE),
    duration: meter.createHistogram('alma.store.operation.duration', {
      description: 'Duration of store operations',
      unit: 's',
    }),
    operations: meter.createCounter('alma.store.operations', {
      description: 'Store operations, by kind, operation and outcome',
    }),
    records: meter.createCounter('alma.store.records', {
      description: 'Records written, read or deleted by store operations',
    }),
  });
}

class InstrumentedAdapter implements StoreAdapter {
  readonly name: string;
  readonly capabilities: StoreAdapter['capabilities'];
  readonly leases: StoreAdapter['leases'];

  constructor(
    private readonly inner: StoreAdapter,
    private readonly instruments: Instruments,
  ) {
    this.name = inner.name;
    this.capabilities = inner.capabilities;
    this.leases = inner.leases;
  }

  readManifest(): Promise<StoreManifest | null> {
    return this.run(
      'read_manifest',
      null,
      () => this.inner.readManifest(),
      (m) => (m ? 1 : 0),
    );
  }

  writeManifest(manifest: StoreManifest): Promise<void> {
    return this.run(
      'write_manifest',
      null,
      () => this.inner.writeManifest(manifest),
      () => 1,
    );
  }

  put<K extends Kind>(kind: K, record: MemoryRecord<K>): Promise<void> {
    return this.run(
      'put',
      kind,
      () => this.inner.put(kind, record),
      () => 1,
    );
  }

  putMany<K extends Kind>(kind: K, records: readonly MemoryRecord<K>[]): Promise<readonly BatchFailure[]> {
    return this.run(
      'put_many',
      kind,
      () => this.inner.putMany(kind, records),
      (failures) => records.length - failures.length,
      { 'alma.batch.size': records.length },
    );
  }

  get<K extends Kind>(kind: K, ref: Ref): Promise<MemoryRecord<K> | null> {
    return this.run(
      'get',
      kind,
      () => this.inner.get(kind, ref),
      (record) => (record ? 1 : 0),
    );
  }

  patch<K extends Kind>(kind: K, ref: Ref, change: RecordChange<K>): Promise<MemoryRecord<K> | null> {
    // Spans keep the names callers know: a change with counters is an increment.
    return this.run(
      Object.keys(change.add).length === 0 ? 'update' : 'increment',
      kind,
      () => this.inner.patch(kind, ref, change),
      (record) => (record ? 1 : 0),
    );
  }

  delete(kind: Kind, ref: Ref): Promise<boolean> {
    return this.run(
      'delete',
      kind,
      () => this.inner.delete(kind, ref),
      (deleted) => (deleted ? 1 : 0),
    );
  }

  deleteWhere(kind: Kind, filter: NormalizedFilter): Promise<number> {
    return this.run(
      'delete_where',
      kind,
      () => this.inner.deleteWhere(kind, filter),
      (n) => n,
    );
  }

  find<K extends Kind>(kind: K, query: AdapterFindQuery): Promise<MemoryRecord<K>[]> {
    return this.run(
      'find',
      kind,
      () => this.inner.find<K>(kind, query),
      (rows) => rows.length,
    );
  }

  count(kind: Kind, filter: NormalizedFilter): Promise<number> {
    return this.run(
      'count',
      kind,
      () => this.inner.count(kind, filter),
      () => 0,
    );
  }

  searchVector<K extends Kind>(kind: K, query: AdapterVectorQuery): Promise<ScoredRecord<K>[]> {
    return this.run(
      'search_vector',
      kind,
      () => this.inner.searchVector<K>(kind, query),
      (hits) => hits.length,
      {
        'alma.search.k': query.k,
      },
    );
  }

  searchText<K extends Kind>(kind: K, query: AdapterTextQuery): Promise<ScoredRecord<K>[]> {
    return this.run(
      'search_text',
      kind,
      () => this.inner.searchText<K>(kind, query),
      (hits) => hits.length,
      {
        'alma.search.k': query.k,
      },
    );
  }

  /** One span over the whole stream, from the first record pulled to the last (or an early stop). */
  async *scan<K extends Kind>(kind: K, options: ScanOptions): AsyncIterable<MemoryRecord<K>> {
    const attributes = this.attributes('scan', kind);
    const span = this.instruments.tracer.startSpan('alma.store.scan', { kind: SpanKind.CLIENT, attributes });
    const started = performance.now();
    let count = 0;
    let failure: unknown = null;
    try {
      for await (const record of this.inner.scan(kind, options)) {
        count++;
        yield record;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      this.finish(span, attributes, started, count, failure);
    }
  }

  projects(): Promise<string[]> {
    return this.run(
      'projects',
      null,
      () => this.inner.projects(),
      // Projects are not records: the records counter stays a count of records.
      () => 0,
    );
  }

  schema(): Promise<SchemaStatus> {
    return this.run(
      'schema',
      null,
      () => this.inner.schema(),
      () => 0,
    );
  }

  close(): Promise<void> {
    return this.run(
      'close',
      null,
      () => this.inner.close(),
      () => 0,
    );
  }

  private attributes(operation: string, kind: Kind | null): Attributes {
    return {
      'alma.operation': operation,
      'alma.backend': this.name,
      ...(kind === null ? {} : { 'alma.kind': kind }),
    };
  }

  private run<T>(
    operation: string,
    kind: Kind | null,
    work: () => Promise<T>,
    recordsOf: (result: T) => number,
    extra: Attributes = {},
  ): Promise<T> {
    const attributes = this.attributes(operation, kind);
    return this.instruments.tracer.startActiveSpan(
      `alma.store.${operation}`,
      { kind: SpanKind.CLIENT, attributes: { ...attributes, ...extra } },
      async (span) => {
        const started = performance.now();
        try {
          const result = await work();
          this.finish(span, attributes, started, recordsOf(result), null);
          return result;
        } catch (error) {
          this.finish(span, attributes, started, 0, error);
          throw error;
        }
      },
    );
  }

  private finish(span: Span, attributes: Attributes, started: number, records: number, error: unknown): void {
    const seconds = (performance.now() - started) / 1000;
    const outcome: Attributes =
      error === null ? { ...attributes } : { ...attributes, 'error.type': errorType(error) };
    span.setAttribute('alma.records', records);
    if (error !== null) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      span.setAttribute('error.type', errorType(error));
    }
    span.end();
    this.instruments.duration.record(seconds, outcome);
    this.instruments.operations.add(1, outcome);
    if (records > 0) this.instruments.records.add(records, attributes);
  }
}

/** A stable, low-cardinality name for what went wrong: the AlmaError code, else the error class. */
function errorType(error: unknown): string {
  if (isAlmaError(error)) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
