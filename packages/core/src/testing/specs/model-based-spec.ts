import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlmaError } from '../../errors/alma-error.js';
import type { MemoryRecord } from '../../model/kinds.js';
import { MemoryAdapter } from '../../reference/memory-adapter.js';
import { MemoryStore } from '../../store/memory-store.js';
import { PROJECT } from '../fixtures.js';
import { type SpecContext, TestClock } from '../spec-context.js';

/**
 * How many random sequences each backend runs, and from which seed: a fixed budget in CI, any
 * other with `ALMA_PROPERTY_RUNS` and `ALMA_PROPERTY_SEED` (a failure prints the seed and the
 * shrunk sequence to rerun; `scripts/soak-properties.sh` runs a long soak).
 */
const RUNS = Number(process.env.ALMA_PROPERTY_RUNS ?? 40);
const SEED = process.env.ALMA_PROPERTY_SEED === undefined ? 20261130 : Number(process.env.ALMA_PROPERTY_SEED);
const DIMENSION = 8;

/** A few ids, so that operations meet the records earlier ones wrote; rarely the nil UUID. */
const IDS = [
  '019ad5a0-0000-7000-8000-000000000001',
  '019ad5a0-0000-7000-8000-000000000002',
  '019ad5a0-0000-7000-8000-000000000003',
] as const;
const id = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...IDS) },
  fc.constant('00000000-0000-0000-0000-000000000000'),
);
/** Mostly values a caller means, sometimes hostile ones: a sequence must build state to probe. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: hostile });
const PROJECTS = [PROJECT, 'other'] as const;
const axis = (i: number, scale = 1) => Array.from({ length: DIMENSION }, (_, j) => (j === i ? scale : 0));
/** Vectors with ties (repeated directions, scaled copies), a zero vector, opposites and extreme lengths. */
const VECTORS = [
  axis(0),
  axis(0),
  axis(1),
  axis(0, -1),
  axis(0, 3),
  axis(2),
  new Array(DIMENSION).fill(0),
  axis(1, 1e14),
  axis(1, 1e-14),
  axis(0, 1e20),
];

const text = mostly(
  fc.constantFrom('deploy the api', 'Deploy API', 'rollback the api', 'é', ''),
  fc.oneof(fc.constantFrom('x\ud800y', 'a\u0000b'), fc.string({ unit: 'binary', maxLength: 12 })),
);
const key = mostly(fc.constantFrom('coder', 'reviewer', 'agent\ufffd'), fc.constantFrom('agent\udc00', ''));
const number = mostly(
  fc.oneof(fc.constantFrom(0, -0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  fc.constantFrom(1.5, -1, Number.NaN),
);
const counter = mostly(fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, Number.MAX_SAFE_INTEGER, 1.5));
const metadata = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 3,
    arbitrary: fc.record({ topic: fc.constantFrom('a', 'b'), score: fc.constantFrom(1, -0, 2.5) }),
  },
  { weight: 1, arbitrary: fc.record({ note: text }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 30, max: 40 }).map((depth) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = { a: value };
      return { deep: value };
    }),
  },
);
const heuristic = fc.record(
  {
    id,
    projectId: fc.constantFrom(...PROJECTS),
    agent: key,
    condition: text,
    strategy: text,
    confidence: number,
    occurrenceCount: counter,
    successCount: counter,
    metadata,
    embedding: fc.option(fc.constantFrom(...VECTORS), { nil: null }),
  },
  { requiredKeys: ['id', 'projectId', 'agent', 'condition', 'strategy'] },
);
const ref = fc.record({ projectId: fc.constantFrom(...PROJECTS), id });
const delta = mostly(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
);
const where = fc.record(
  { projectId: fc.constantFrom(...PROJECTS), agent: key, confidence: fc.record({ gte: number }) },
  { requiredKeys: ['projectId'] },
);
const ORDER_FIELDS = ['id', 'confidence', 'createdAt'] as const;
const CURSOR_TYPE = { id: 'string', confidence: 'number', createdAt: 'date' } as const;
const hostileValue = fc.oneof(
  fc.constantFrom(1e300, -1e300, Number.MAX_VALUE, -1, 2, 0.5, 'yesterday', '2026-01-01', IDS[0]),
  fc.double(),
);
/**
 * A cursor a client forged for the find's own order (so it passes the order check): the right
 * type tag with an impossible value, a wrong tag, or an id that is not one; sometimes anything.
 */
const forgedCursorFor = (field: (typeof ORDER_FIELDS)[number]) =>
  fc
    .oneof(
      fc.record({
        f: fc.constant(field),
        d: fc.constant('asc'),
        t: fc.oneof(fc.constant(CURSOR_TYPE[field]), fc.constantFrom('date', 'number', 'string')),
        v: hostileValue,
        id: fc.oneof(fc.constantFrom(...IDS), fc.constantFrom('not-a-uuid', 7, null)),
      }),
      fc.record({ f: fc.string({ maxLength: 3 }), v: hostileValue }),
    )
    .map((body) => Buffer.from(JSON.stringify(body)).toString('base64url'));

type Operation =
  | { readonly op: 'put'; readonly input: Record<string, unknown> }
  | { readonly op: 'putMany'; readonly inputs: Record<string, unknown>[] }
  | { readonly op: 'get' | 'delete'; readonly ref: { projectId: string; id: string } }
  | {
      readonly op: 'update';
      readonly ref: { projectId: string; id: string };
      readonly patch: Record<string, unknown>;
    }
  | {
      readonly op: 'increment';
      readonly ref: { projectId: string; id: string };
      readonly deltas: Record<string, number>;
    }
  | {
      readonly op: 'find';
      readonly where: Record<string, unknown>;
      readonly orderBy: string;
      readonly limit: number;
      readonly cursor: string | null;
    }
  | {
      readonly op: 'search';
      readonly where: Record<string, unknown>;
      readonly vector: number[];
      readonly k: number;
    }
  | { readonly op: 'deleteWhere' | 'count'; readonly where: Record<string, unknown> };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: heuristic.map((input) => ({ op: 'put' as const, input })) },
  {
    weight: 1,
    arbitrary: fc
      .array(heuristic, { minLength: 1, maxLength: 4 })
      .map((inputs) => ({ op: 'putMany' as const, inputs })),
  },
  { weight: 2, arbitrary: ref.map((r) => ({ op: 'get' as const, ref: r })) },
  { weight: 1, arbitrary: ref.map((r) => ({ op: 'delete' as const, ref: r })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, fc.record({ confidence: number, strategy: text, metadata }, { requiredKeys: [] }))
      .map(([r, patch]) => ({ op: 'update' as const, ref: r, patch })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, fc.record({ occurrenceCount: delta, successCount: delta }, { requiredKeys: [] }))
      .map(([r, deltas]) => ({ op: 'increment' as const, ref: r, deltas })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(where, fc.constantFrom(...ORDER_FIELDS), fc.integer({ min: 1, max: 4 }))
      .chain(([w, orderBy, limit]) =>
        fc
          .option(forgedCursorFor(orderBy), { nil: null })
          .map((cursor) => [w, orderBy, limit, cursor] as const),
      )
      .map(([w, orderBy, limit, cursor]) => ({ op: 'find' as const, where: w, orderBy, limit, cursor })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(where, fc.constantFrom(...VECTORS), fc.integer({ min: 1, max: 4 }))
      .map(([w, vector, k]) => ({ op: 'search' as const, where: w, vector, k })),
  },
  { weight: 1, arbitrary: where.map((w) => ({ op: 'deleteWhere' as const, where: w })) },
  { weight: 1, arbitrary: where.map((w) => ({ op: 'count' as const, where: w })) },
);

/** What an operation gave: its value, or the typed error's code (an untyped error fails the test). */
async function outcomeOf(step: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await step() };
  } catch (error) {
    if (error instanceof AlmaError) return { error: error.code };
    throw error;
  }
}

/** Applies one operation; a find's next page is followed too, so cursors the store issued are tested. */
async function apply(store: MemoryStore, operation: Operation): Promise<unknown> {
  const heuristics = store.heuristics;
  switch (operation.op) {
    case 'put':
      return outcomeOf(() => heuristics.put(operation.input as never));
    case 'putMany':
      return outcomeOf(async () => (await heuristics.putMany(operation.inputs as never)).items);
    case 'get':
      return outcomeOf(() => heuristics.get(operation.ref));
    case 'delete':
      return outcomeOf(() => heuristics.delete(operation.ref));
    case 'update':
      return outcomeOf(() => heuristics.update(operation.ref, operation.patch as never));
    case 'increment':
      return outcomeOf(() => heuristics.increment(operation.ref, operation.deltas as never));
    case 'find':
      return outcomeOf(async () => {
        const query = {
          where: operation.where as never,
          orderBy: { field: operation.orderBy as never, direction: 'asc' as const },
          limit: operation.limit,
          ...(operation.cursor === null ? {} : { cursor: operation.cursor }),
        };
        const first = await heuristics.find(query);
        const next =
          first.nextCursor === null ? null : await heuristics.find({ ...query, cursor: first.nextCursor });
        return [first.items, next?.items ?? null];
      });
    case 'search':
      return outcomeOf(async () =>
        (
          await heuristics.search({
            where: operation.where as never,
            vector: operation.vector,
            k: operation.k,
          })
        ).map((hit) => [hit.record.id, hit.score]),
      );
    case 'deleteWhere':
      return outcomeOf(() => heuristics.deleteWhere(operation.where as never));
    case 'count':
      return outcomeOf(() => heuristics.count(operation.where as never));
  }
}

/** Every record the store holds, in scan order: the state both stores must end in. */
async function contents(store: MemoryStore): Promise<MemoryRecord<'heuristic'>[]> {
  const records: MemoryRecord<'heuristic'>[] = [];
  for await (const record of store.heuristics.scan()) records.push(record);
  return records;
}

/**
 * Model-based: random sequences of every operation, with extreme values, negative and huge deltas,
 * forged cursors, lone surrogates, deep nesting, ties and zero vectors, applied to the backend and
 * to the reference store. Each step must give the same value or the same error code, and both must
 * end holding the same records; fast-check shrinks a failure to a minimal sequence.
 */
export function modelBasedSpec(context: SpecContext): void {
  describe('model-based: the backend against the reference store', () => {
    it(`gives the reference's answer to every step of ${RUNS} random sequences (seed ${SEED})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(operation, { minLength: 1, maxLength: 40, size: 'max' }),
          async (operations) => {
            // Both stores read the same stopped clock, so records compare field by field. Each
            // sequence gets a fresh backend, closed at once: hundreds of runs hold no connections.
            const clock = new TestClock();
            const instance = await context.harness.create();
            const store = await MemoryStore.open(instance.adapter, {
              dimension: DIMENSION,
              clock: clock.now,
            });
            const reference = await MemoryStore.open(new MemoryAdapter(), {
              dimension: DIMENSION,
              clock: clock.now,
            });
            try {
              for (const [index, step] of operations.entries()) {
                const expected = await apply(reference, step);
                const actual = await apply(store, step);
                expect({ index, step, result: actual }).toEqual({ index, step, result: expected });
              }
              expect(await contents(store)).toEqual(await contents(reference));
            } finally {
              await store.close();
              await instance.destroy();
            }
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      );
    }, 600_000);
  });
}
