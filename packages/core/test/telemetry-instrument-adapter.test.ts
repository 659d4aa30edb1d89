import { instrumentAdapter, MemoryAdapter, MemoryStore } from '@alma/core';
import { PROJECT, randomVector, sampleInput, seededRandom } from '@alma/core/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';

async function instrumented() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const adapter = instrumentAdapter(new MemoryAdapter(), { tracerProvider, meterProvider });
  const store = await MemoryStore.open(adapter, { dimension: 8 });
  const metrics = async () => {
    await reader.forceFlush();
    const scopes = metricExporter.getMetrics().at(-1)?.scopeMetrics ?? [];
    return new Map(
      scopes.flatMap((scope) => scope.metrics.map((m) => [m.descriptor.name, m.dataPoints] as const)),
    );
  };
  return { store, adapter, spans, metrics };
}

const pointFor = <T>(points: DataPoint<T>[] | undefined, attributes: Record<string, string>) =>
  points?.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v));

describe('instrumentAdapter (OpenTelemetry decorator)', () => {
  it('opens one span per operation with backend, kind and result size', async () => {
    const { store, spans } = await instrumented();
    const random = seededRandom(1);
    const saved = await store.heuristics.put(sampleInput('heuristic', { embedding: randomVector(random) }));
    await store.heuristics.putMany([sampleInput('heuristic'), sampleInput('heuristic')]);
    await store.heuristics.get(saved);
    await store.heuristics.search({ where: { projectId: PROJECT }, vector: randomVector(random), k: 5 });
    const names = spans.getFinishedSpans().map((span) => span.name);
    expect(names).toEqual([
      'alma.store.read_manifest',
      'alma.store.write_manifest',
      'alma.store.put',
      'alma.store.put_many',
      'alma.store.get',
      'alma.store.search_vector',
    ]);
    const putMany = spans.getFinishedSpans()[3]!;
    expect(putMany.attributes).toMatchObject({
      'alma.operation': 'put_many',
      'alma.backend': 'memory',
      'alma.kind': 'heuristic',
      'alma.batch.size': 2,
      'alma.records': 2,
    });
    expect(spans.getFinishedSpans()[5]!.attributes).toMatchObject({ 'alma.search.k': 5, 'alma.records': 1 });
    expect(spans.getFinishedSpans().every((span) => span.status.code !== SpanStatusCode.ERROR)).toBe(true);
  });

  it('records errors on the span and in the metrics, with the error type, and still throws them', async () => {
    const spans = new InMemorySpanExporter();
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({
      exporter: metricExporter,
      exportIntervalMillis: 3_600_000,
    });
    const broken = instrumentAdapter(
      Object.assign(new MemoryAdapter(), {
        count: async () => {
          throw new TypeError('driver exploded');
        },
      }),
      {
        tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
        meterProvider: new MeterProvider({ readers: [reader] }),
      },
    );
    await expect(broken.count('heuristic', { projectId: PROJECT, clauses: [] })).rejects.toThrow(
      'driver exploded',
    );
    const [span] = spans.getFinishedSpans();
    expect(span?.name).toBe('alma.store.count');
    expect(span?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: 'driver exploded' });
    expect(span?.attributes['error.type']).toBe('TypeError');
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
    await reader.forceFlush();
    const points = metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'alma.store.operations')
      ?.dataPoints as DataPoint<number>[];
    expect(pointFor(points, { 'alma.operation': 'count', 'error.type': 'TypeError' })?.value).toBe(1);
  });

  it('measures durations and counts operations and records per kind and operation', async () => {
    const { store, metrics } = await instrumented();
    await store.outcomes.putMany([sampleInput('outcome'), sampleInput('outcome'), sampleInput('outcome')]);
    await store.outcomes.count({ projectId: PROJECT });
    await store.outcomes.count({ projectId: PROJECT });
    await store.heuristics.deleteWhere({ projectId: PROJECT });
    const all = await metrics();
    const operations = all.get('alma.store.operations') as DataPoint<number>[];
    expect(pointFor(operations, { 'alma.kind': 'outcome', 'alma.operation': 'count' })?.value).toBe(2);
    expect(pointFor(operations, { 'alma.kind': 'outcome', 'alma.operation': 'put_many' })?.value).toBe(1);
    expect(pointFor(operations, { 'alma.kind': 'heuristic', 'alma.operation': 'delete_where' })?.value).toBe(
      1,
    );
    const records = all.get('alma.store.records') as DataPoint<number>[];
    expect(pointFor(records, { 'alma.kind': 'outcome', 'alma.operation': 'put_many' })?.value).toBe(3);
    const durations = all.get('alma.store.operation.duration') as DataPoint<Histogram>[];
    const countDuration = pointFor(durations, { 'alma.kind': 'outcome', 'alma.operation': 'count' });
    expect(countDuration?.value.count).toBe(2);
    expect(countDuration?.value.sum).toBeGreaterThanOrEqual(0);
  });

  it('spans the project listing without counting projects as records', async () => {
    const { store, spans, metrics } = await instrumented();
    await store.outcomes.put(sampleInput('outcome', { projectId: 'beta' }));
    await store.heuristics.put(sampleInput('heuristic', { projectId: 'alpha' }));
    expect(await store.projects()).toEqual(['alpha', 'beta']);
    const listing = spans.getFinishedSpans().filter((span) => span.name === 'alma.store.projects');
    expect(listing.map((span) => span.attributes)).toEqual([
      { 'alma.operation': 'projects', 'alma.backend': 'memory', 'alma.records': 0 },
    ]);
    const all = await metrics();
    expect(
      pointFor(all.get('alma.store.operations') as DataPoint<number>[], { 'alma.operation': 'projects' })
        ?.value,
    ).toBe(1);
    expect(
      pointFor(all.get('alma.store.records') as DataPoint<number>[], { 'alma.operation': 'projects' }),
    ).toBeUndefined();
  });

  it('spans a whole scan, including one stopped early, and keeps behaviour unchanged', async () => {
    const { store, spans } = await instrumented();
    await store.domainKnowledge.putMany([sampleInput('domainKnowledge'), sampleInput('domainKnowledge')]);
    const seen: string[] = [];
    for await (const record of store.domainKnowledge.scan({ projectId: PROJECT })) seen.push(record.id);
    for await (const _ of store.domainKnowledge.scan({ projectId: PROJECT })) break;
    const scans = spans.getFinishedSpans().filter((span) => span.name === 'alma.store.scan');
    expect(scans.map((span) => span.attributes['alma.records'])).toEqual([2, 1]);
    expect(seen).toHaveLength(2);
    expect(store.capabilities).toEqual(new MemoryAdapter().capabilities);
  });
});
