import { findQuery, kindContainerDefinition, nativeTextQuery, nativeVectorQuery } from '@alma/adapter-cosmos';
import { parseFilter } from '@alma/core';
import { describe, expect, it } from 'vitest';

// The native shapes run only on an account with vector and full-text search, which the stand-in is
// not: these tests pin the exact text and parameters sent, and docs/cosmos.md says what is unverified.

const filter = parseFilter('heuristic', {
  projectId: 'p1',
  agent: 'coder',
  confidence: { gte: 0.5 },
  metadata: { lang: 'ts' },
});

describe('native search queries: exact text, every value a parameter', () => {
  it('vector: filter and VectorDistance ordering in one single-partition query', () => {
    const spec = nativeVectorQuery('heuristic', filter, Float32Array.from([0.5, -1]), 10);
    expect(spec.query).toBe(
      'SELECT TOP @p6 * FROM c WHERE c.projectId = @p0 AND c.agent = @p1 AND c.confidence >= @p2 ' +
        'AND c.metadata[@p3] = @p4 AND IS_ARRAY(c.embedding) ORDER BY VectorDistance(c.embedding, @p5)',
    );
    expect(spec.parameters).toEqual([
      { name: '@p0', value: 'p1' },
      { name: '@p1', value: 'coder' },
      { name: '@p2', value: 0.5 },
      { name: '@p3', value: 'lang' },
      { name: '@p4', value: 'ts' },
      { name: '@p5', value: [0.5, -1] },
      { name: '@p6', value: 10 },
    ]);
  });

  it('text: every token in some text field, the fields ranked by RRF of their full-text scores', () => {
    const spec = nativeTextQuery(
      'heuristic',
      parseFilter('heuristic', { projectId: 'p1' }),
      ['retry', 'backoff'],
      5,
    );
    expect(spec.query).toBe(
      'SELECT TOP @p3 * FROM c WHERE c.projectId = @p0 ' +
        'AND (FullTextContains(c.condition, @p1) OR FullTextContains(c.strategy, @p1)) ' +
        'AND (FullTextContains(c.condition, @p2) OR FullTextContains(c.strategy, @p2)) ' +
        'ORDER BY RANK RRF(FullTextScore(c.condition, @p1, @p2), FullTextScore(c.strategy, @p1, @p2))',
    );
    expect(spec.parameters?.map((parameter) => parameter.value)).toEqual(['p1', 'retry', 'backoff', 5]);
  });

  it('text over a kind with one text field needs no fusion', () => {
    const spec = nativeTextQuery('preference', parseFilter('preference', { projectId: 'p1' }), ['tabs'], 3);
    expect(spec.query).toBe(
      'SELECT TOP @p2 * FROM c WHERE c.projectId = @p0 AND (FullTextContains(c.preference, @p1)) ' +
        'ORDER BY RANK FullTextScore(c.preference, @p1)',
    );
  });
});

describe('find: keyset pages in (field, id) order', () => {
  it('continues strictly after the cursor, descending', () => {
    const spec = findQuery('heuristic', {
      filter: parseFilter('heuristic', { projectId: 'p1', lastValidated: { lt: new Date(5) } }),
      order: { field: 'lastValidated', direction: 'desc' },
      limit: 11,
      after: { value: new Date(3), id: '0190a5d0-0000-7000-8000-000000000000' },
    });
    expect(spec.query).toBe(
      'SELECT TOP @p4 * FROM c WHERE c.projectId = @p0 AND c.lastValidated < @p1 ' +
        'AND (c.lastValidated < @p3 OR (c.lastValidated = @p3 AND c.id < @p2)) ' +
        'ORDER BY c.lastValidated DESC, c.id DESC',
    );
    expect(spec.parameters?.map((parameter) => parameter.value)).toEqual([
      'p1',
      '1970-01-01T00:00:00.005Z',
      '0190a5d0-0000-7000-8000-000000000000',
      '1970-01-01T00:00:00.003Z',
      11,
    ]);
  });

  it('ne on a nullable field also matches null, as the core evaluator does', () => {
    const spec = findQuery('outcome', {
      filter: parseFilter('outcome', { projectId: 'p1', durationMs: { ne: 5 }, errorMessage: null }),
      order: { field: 'id', direction: 'asc' },
      limit: 2,
      after: null,
    });
    expect(spec.query).toBe(
      'SELECT TOP @p2 * FROM c WHERE c.projectId = @p0 AND (IS_NULL(c.durationMs) OR c.durationMs != @p1) ' +
        'AND IS_NULL(c.errorMessage) ORDER BY c.id ASC',
    );
  });
});

describe('container definitions', () => {
  it('with vector and full-text search: cosine float32 DiskANN and full-text on the text fields', () => {
    const definition = kindContainerDefinition('heuristic', 384, { vector: true, fullText: true }, 'en-US');
    expect(definition.id).toBe('alma_heuristics');
    expect(definition.partitionKey).toEqual({ paths: ['/projectId'], kind: 'Hash', version: 2 });
    expect(definition.vectorEmbeddingPolicy).toEqual({
      vectorEmbeddings: [
        { path: '/embedding', dataType: 'float32', distanceFunction: 'cosine', dimensions: 384 },
      ],
    });
    expect(definition.indexingPolicy?.vectorIndexes).toEqual([{ path: '/embedding', type: 'diskANN' }]);
    expect(definition.fullTextPolicy).toEqual({
      defaultLanguage: 'en-US',
      fullTextPaths: [
        { path: '/condition', language: 'en-US' },
        { path: '/strategy', language: 'en-US' },
      ],
    });
    expect(definition.indexingPolicy?.fullTextIndexes).toEqual([
      { path: '/condition' },
      { path: '/strategy' },
    ]);
    expect(definition.indexingPolicy?.excludedPaths).toEqual([{ path: '/*' }, { path: '/embedding/*' }]);
  });

  it('indexes exactly the filterable paths and has a composite index per orderable field and direction', () => {
    const definition = kindContainerDefinition('outcome', 8, { vector: false, fullText: false }, 'en-US');
    const policy = definition.indexingPolicy;
    expect(definition.vectorEmbeddingPolicy).toBeUndefined();
    expect(definition.fullTextPolicy).toBeUndefined();
    expect(policy?.includedPaths?.map((path) => path.path)).toEqual([
      '/id/?',
      '/projectId/?',
      '/createdAt/?',
      '/updatedAt/?',
      '/agent/?',
      '/taskType/?',
      '/taskDescription/?',
      '/success/?',
      '/strategyUsed/?',
      '/durationMs/?',
      '/errorMessage/?',
      '/userFeedback/?',
      '/timestamp/?',
      '/tenantId/?',
      '/workflowId/?',
      '/runId/?',
      '/nodeId/?',
      '/metadata/*',
      '/schemaVersion/?',
    ]);
    expect(
      policy?.compositeIndexes?.map((pair) => pair.map(({ path, order }) => `${path} ${order}`)),
    ).toEqual([
      ['/createdAt ascending', '/id ascending'],
      ['/createdAt descending', '/id descending'],
      ['/updatedAt ascending', '/id ascending'],
      ['/updatedAt descending', '/id descending'],
      ['/timestamp ascending', '/id ascending'],
      ['/timestamp descending', '/id descending'],
    ]);
  });
});
