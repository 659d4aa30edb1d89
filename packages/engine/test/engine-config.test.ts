// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are environment references, not templates
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAlmaError } from '@alma/core/testing';
import { expandEnvironment, loadAlmaConfig, parseAlmaConfig } from '@alma/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('ALMA configuration', () => {
  it('fills defaults, normalises weights and freezes the result deeply', () => {
    const config = parseAlmaConfig({ projectId: 'shop', agents: { coder: {} } });
    expect(config.retrieval).toEqual({
      topK: 5,
      weights: { similarity: 0.4, recency: 0.3, success: 0.2, confidence: 0.1 },
      recencyHalfLifeDays: 30,
      minScore: 0,
      candidates: 50,
      search: 'vector',
      maxPromptTokens: 2_000,
    });
    expect(config.learning).toEqual({
      minOccurrences: 3,
      similarityThreshold: 0.75,
      recentWindow: 20,
      antiPatternMinFailures: 2,
    });
    expect(config.agents.coder).toEqual({ cannotLearn: [], inheritFrom: [], shareWith: [] });
    expect(Object.isFrozen(config.retrieval.weights)).toBe(true);
    expect(Object.isFrozen(config.agents.coder!.cannotLearn)).toBe(true);
    const weighted = parseAlmaConfig({
      projectId: 'shop',
      agents: {},
      retrieval: { weights: { similarity: 3, recency: 1, success: 0, confidence: 0 } },
    });
    expect(weighted.retrieval.weights).toEqual({
      similarity: 0.75,
      recency: 0.25,
      success: 0,
      confidence: 0,
    });
  });

  it('names every problem: bad values, unknown keys, unknown or self-referencing agents, unshared inheritance', () => {
    const problems = (input: unknown) => {
      try {
        parseAlmaConfig(input);
        return [];
      } catch (error) {
        return ((error as { details: { issues: { path: string }[] } }).details.issues ?? []).map(
          (i) => i.path,
        );
      }
    };
    expect(problems({ projectId: 'bad id!', agents: {} })).toEqual(['projectId']);
    expect(problems({ projectId: 'p', agents: {}, retrieval: { topK: 0, extra: 1 } })).toEqual(
      expect.arrayContaining(['retrieval.topK', 'retrieval']),
    );
    expect(problems({ projectId: 'p', agents: { a: { inheritFrom: ['ghost'] } } })).toContain(
      'agents.a.inheritFrom',
    );
    expect(problems({ projectId: 'p', agents: { a: { shareWith: ['a'] } } })).toContain('agents.a.shareWith');
    expect(problems({ projectId: 'p', agents: { a: { inheritFrom: ['b'] }, b: {} } })).toEqual([
      'agents.a.inheritFrom',
    ]);
    expect(
      problems({ projectId: 'p', agents: { a: { inheritFrom: ['b'] }, b: { shareWith: ['a'] } } }),
    ).toEqual([]);
    expect(
      problems({
        projectId: 'p',
        agents: {},
        retrieval: { weights: { similarity: 0, recency: 0, success: 0, confidence: 0 } },
      }),
    ).toEqual(['retrieval.weights']);
  });

  it('expands ${VAR}, ${VAR:-fallback} and $$ in values only', () => {
    const env = { KEY: 'sk-123', EMPTY: '' };
    expect(
      expandEnvironment(
        { a: '${KEY}', b: ['x-${KEY}-y', '${MISSING:-fallback}', '${EMPTY:-used}'], c: 3, d: '$$5' },
        env,
      ),
    ).toEqual({ a: 'sk-123', b: ['x-sk-123-y', 'fallback', 'used'], c: 3, d: '$5' });
    expect(() => expandEnvironment({ embedder: { apiKey: '${NOPE}' } }, env)).toThrow(
      /embedder\.apiKey uses \$\{NOPE\}/,
    );
  });
});

describe('loadAlmaConfig', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'alma-config-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('reads YAML with environment expansion, numbers included', async () => {
    const path = join(directory, 'alma.yaml');
    await writeFile(
      path,
      [
        'projectId: ${PROJECT:-shop}',
        'embedder:',
        '  provider: openai',
        '  model: text-embedding-3-small',
        '  dimension: ${DIM}',
        '  apiKey: ${OPENAI_API_KEY}',
        'agents:',
        '  coder:',
        '    canLearn: [refactor, testing]',
        '    shareWith: [reviewer]',
        '  reviewer:',
        '    inheritFrom: [coder]',
        'retrieval:',
        '  topK: ${TOP_K:-7}',
      ].join('\n'),
    );
    const config = await loadAlmaConfig(path, { DIM: '1536', OPENAI_API_KEY: '12345' });
    expect(config.projectId).toBe('shop');
    expect(config.retrieval.topK).toBe(7);
    expect(config.embedder).toMatchObject({
      provider: 'openai',
      dimension: 1536,
      apiKey: '12345',
      batchSize: 256,
    });
    expect(config.agents.reviewer?.inheritFrom).toEqual(['coder']);
  });

  it('reads JSON, and reports unreadable, malformed and unset-variable files clearly', async () => {
    const json = join(directory, 'alma.json');
    await writeFile(json, JSON.stringify({ projectId: 'p', agents: { a: { canLearn: [] } } }));
    expect((await loadAlmaConfig(json, {})).agents.a?.canLearn).toEqual([]);
    await expectAlmaError(loadAlmaConfig(join(directory, 'missing.yaml'), {}), 'NOT_FOUND');
    const broken = join(directory, 'broken.json');
    await writeFile(broken, '{ "projectId": ');
    await expectAlmaError(loadAlmaConfig(broken, {}), 'VALIDATION');
    const unset = join(directory, 'unset.yaml');
    await writeFile(unset, 'projectId: ${NOT_SET}\nagents: {}\n');
    const error = await expectAlmaError(loadAlmaConfig(unset, {}), 'VALIDATION');
    expect(error.details).toMatchObject({ variable: 'NOT_SET', path: 'projectId' });
  });
});
