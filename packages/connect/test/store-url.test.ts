import { join } from 'node:path';
import { describeStoreLocation, parseStoreUrl } from '@alma/connect';
import { describe, expect, it } from 'vitest';

const cwd = '/work/project';

describe('parseStoreUrl', () => {
  it('defaults to SQLite in .alma/ under the current directory', () => {
    const expected = {
      kind: 'sqlite',
      file: '/work/project/.alma/alma.db',
      vectorsDirectory: '/work/project/.alma/alma.db.vectors',
    };
    expect(parseStoreUrl(undefined, cwd)).toEqual(expected);
    expect(parseStoreUrl('  ', cwd)).toEqual(expected);
    expect(parseStoreUrl(undefined)).toMatchObject({ file: join(process.cwd(), '.alma', 'alma.db') });
  });

  it('reads sqlite: paths relative to the directory, absolute, or in URL form, with the vectors beside', () => {
    expect(parseStoreUrl('sqlite:./data/alma.db', cwd)).toEqual({
      kind: 'sqlite',
      file: '/work/project/data/alma.db',
      vectorsDirectory: '/work/project/data/alma.db.vectors',
    });
    expect(parseStoreUrl('sqlite:alma.db', cwd)).toMatchObject({ file: '/work/project/alma.db' });
    expect(parseStoreUrl('sqlite:/var/lib/alma.db', cwd)).toMatchObject({ file: '/var/lib/alma.db' });
    expect(parseStoreUrl('sqlite:///var/lib/my%20alma.db', cwd)).toMatchObject({
      file: '/var/lib/my alma.db',
    });
    expect(parseStoreUrl('SQLite:../up.db', cwd)).toMatchObject({ file: '/work/up.db' });
  });

  it('reads file: store directories', () => {
    expect(parseStoreUrl('file:./.alma/store', cwd)).toEqual({
      kind: 'file',
      directory: '/work/project/.alma/store',
    });
    expect(parseStoreUrl('file:///srv/alma', cwd)).toEqual({ kind: 'file', directory: '/srv/alma' });
  });

  it('keeps PostgreSQL connection strings as they are', () => {
    const url = 'postgres://alma:s3cret@db.internal:5432/alma?sslmode=require';
    expect(parseStoreUrl(url, cwd)).toEqual({ kind: 'postgres', connectionString: url });
    expect(parseStoreUrl('postgresql://localhost/alma', cwd)).toEqual({
      kind: 'postgres',
      connectionString: 'postgresql://localhost/alma',
    });
  });

  it('reads cosmos: host, port and database, and takes the key from the environment only', () => {
    expect(parseStoreUrl('cosmos://acct.documents.azure.com:443?db=alma', cwd)).toEqual({
      kind: 'cosmos',
      endpoint: 'https://acct.documents.azure.com/',
      database: 'alma',
      keyVariable: 'COSMOS_KEY',
    });
    expect(parseStoreUrl('cosmos://localhost:8081?db=test', cwd)).toMatchObject({
      endpoint: 'https://localhost:8081/',
    });
  });

  it.each([
    ['an unknown scheme', 'mongodb://localhost/alma'],
    ['a bare path', './alma.db'],
    ['an in-memory SQLite database', 'sqlite::memory:'],
    ['a SQLite URL without a path', 'sqlite:'],
    ['a remote file URL', 'file://server/share'],
    ['a malformed PostgreSQL URL', 'postgres://user:pw@[bad/alma'],
    ['a cosmos URL without a database', 'cosmos://acct.documents.azure.com:443'],
    ['a cosmos URL carrying a key', 'cosmos://acct.documents.azure.com:443?db=alma&key=abc'],
    ['a cosmos URL carrying credentials', 'cosmos://user:abc@acct.documents.azure.com:443?db=alma'],
  ])('rejects %s with a VALIDATION error', (_, url) => {
    expect(() => parseStoreUrl(url, cwd)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('never repeats a password in its errors or descriptions', () => {
    expect(() => parseStoreUrl('pg://alma:s3cret@host/db', cwd)).toThrowError(/pg:\/\/alma:\*\*\*@host\/db/);
    expect(() => parseStoreUrl('postgres://alma:s3cret@[bad/db', cwd)).not.toThrowError(/s3cret/);
    const location = parseStoreUrl('postgres://alma:s3cret@db:5432/alma', cwd);
    expect(describeStoreLocation(location)).toBe('postgres://alma:***@db:5432/alma');
    const query = parseStoreUrl('postgres://alma@db/alma?sslmode=require&password=s3cret&x=1', cwd);
    expect(describeStoreLocation(query)).toBe('postgres://alma@db/alma?sslmode=require&password=***&x=1');
  });

  it('describes each kind of location as a URL', () => {
    expect(describeStoreLocation(parseStoreUrl('sqlite:./a.db', cwd))).toBe('sqlite:/work/project/a.db');
    expect(describeStoreLocation(parseStoreUrl('file:./s', cwd))).toBe('file:/work/project/s');
    expect(describeStoreLocation(parseStoreUrl('cosmos://h:8081?db=x', cwd))).toBe('cosmos://h:8081?db=x');
  });
});
