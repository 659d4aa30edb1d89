// A plain npm app's view of ALMA, installed from the packed tarballs: open a store on one backend,
// put, search, learn, retrieve, close. Prints one JSON line that the consumer check asserts on.
import { FileAdapter } from '@alma/adapter-file';
import { SqlAdapter } from '@alma/adapter-sql';
import { createPostgresTestDatabase } from '@alma/adapter-sql/testing';
import type { StoreAdapter } from '@alma/core';
import { Alma, HashingEmbedder } from '@alma/engine';

type Backend = 'sqlite' | 'postgres' | 'file';

async function openAdapter(
  backend: Backend,
  directory: string,
): Promise<[StoreAdapter, () => Promise<void>]> {
  switch (backend) {
    case 'sqlite':
      return [await SqlAdapter.open({ dialect: 'sqlite', file: `${directory}/alma.db` }), async () => {}];
    case 'file':
      return [await FileAdapter.open({ directory: `${directory}/store` }), async () => {}];
    case 'postgres': {
      const database = await createPostgresTestDatabase('alma_consumer');
      return [
        await SqlAdapter.open({ dialect: 'postgres', connectionString: database.connectionString }),
        database.drop,
      ];
    }
  }
}

const [backend, directory] = process.argv.slice(2) as [Backend, string];
const embedder = new HashingEmbedder(384);
const [adapter, cleanUp] = await openAdapter(backend, directory);
const alma = await Alma.open({
  adapter,
  embedder,
  config: { projectId: 'consumer', agents: { coder: { canLearn: ['refactor'] } } },
});
try {
  const embedding = (await embedder.embed(['retry flaky network calls with backoff']))[0]!;
  const put = await alma.store.heuristics.put({
    projectId: 'consumer',
    agent: 'coder',
    condition: 'network call fails',
    strategy: 'retry with backoff',
    embedding,
  });
  const hits = await alma.store.heuristics.search({
    where: { projectId: 'consumer' },
    vector: embedding,
    k: 3,
  });
  for (let run = 0; run < 3; run += 1) {
    await alma.learn({
      agent: 'coder',
      taskType: 'refactor',
      taskDescription: `refactor the billing module, part ${run + 1}`,
      success: true,
      strategyUsed: 'run the unit tests after each small change',
    });
  }
  const slice = await alma.retrieve('refactor the billing module', 'coder');
  console.log(
    JSON.stringify({
      backend,
      searchTop: hits[0]?.record.id === put.id,
      outcomes: await alma.store.outcomes.count({ projectId: 'consumer' }),
      sliceHeuristics: slice.heuristics.map((hit) => hit.record.strategy),
    }),
  );
} finally {
  await alma.store.close();
  await cleanUp();
}
