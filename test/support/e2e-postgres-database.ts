import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The server the tests use: `ALMA_TEST_POSTGRES_URL`, or the local service with trust authentication. */
const SERVER = process.env.ALMA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own on the test server; `drop` removes it, connections and all. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await exec('createdb', [`--maintenance-db=${SERVER}`, name]);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await exec('dropdb', [`--maintenance-db=${SERVER}`, '--force', '--if-exists', name]);
    },
  };
}
