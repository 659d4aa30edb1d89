import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '@alma/core';

/** Where a store lives, parsed from a store URL; every app opens stores from one of these. */
export type StoreLocation =
  | { readonly kind: 'file'; readonly directory: string }
  | { readonly kind: 'sqlite'; readonly file: string; readonly vectorsDirectory: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | {
      readonly kind: 'cosmos';
      readonly endpoint: string;
      readonly database: string;
      /** The environment variable holding the account key: keys never travel in URLs. */
      readonly keyVariable: string;
    };

/** The environment variable a `cosmos://` location reads its account key from. */
export const COSMOS_KEY_VARIABLE = 'COSMOS_KEY';

const FORMS = 'file:./dir, sqlite:./alma.db, postgres://user@host:5432/db or cosmos://host:443?db=alma';

/**
 * Parses a store URL; relative paths are resolved against `cwd`. Without a URL, the default store:
 * SQLite in `.alma/` under `cwd`.
 * @example parseStoreUrl('sqlite:./alma.db') // { kind: 'sqlite', file: '/here/alma.db', vectorsDirectory: '/here/alma.db.vectors' }
 */
export function parseStoreUrl(url?: string, cwd: string = process.cwd()): StoreLocation {
  const text = url?.trim() ?? '';
  if (text === '') return sqliteAt(join(resolve(cwd), '.alma', 'alma.db'));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'file':
      return Object.freeze({ kind: 'file', directory: pathOf(text, 'file', cwd) });
    case 'sqlite':
      return sqliteAt(pathOf(text, 'sqlite', cwd));
    case 'postgres':
    case 'postgresql':
      return postgresAt(text);
    case 'cosmos':
      return cosmosAt(text);
    default:
      throw new ValidationError(`unknown store URL "${redact(text)}": use ${FORMS}`);
  }
}

/** A location as a URL fit for messages and logs: PostgreSQL passwords are masked. */
export function describeStoreLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'file':
      return `file:${location.directory}`;
    case 'sqlite':
      return `sqlite:${location.file}`;
    case 'postgres':
      return redact(location.connectionString);
    case 'cosmos':
      return `cosmos://${new URL(location.endpoint).host}?db=${location.database}`;
  }
}

function sqliteAt(file: string): StoreLocation {
  // Beside the database file, the derived vector index (LanceDB) of the SQLite store.
  return Object.freeze({ kind: 'sqlite', file, vectorsDirectory: `${file}.vectors` });
}

/** `scheme:./relative`, `scheme:/absolute` or `scheme:///absolute` (URL form, percent-encoded). */
function pathOf(text: string, scheme: string, cwd: string): string {
  const rest = text.slice(scheme.length + 1);
  if (rest.startsWith('//')) {
    if (!rest.startsWith('///')) {
      throw new ValidationError(
        `${scheme}: URLs name a local path (${scheme}:./path or ${scheme}:///abs/path)`,
      );
    }
    return fileURLToPath(`file:${rest}`);
  }
  if (rest === '' || rest.startsWith(':memory')) {
    throw new ValidationError(`a ${scheme}: store URL needs a path on disk, e.g. ${scheme}:./alma`);
  }
  return isAbsolute(rest) ? resolve(rest) : resolve(cwd, rest);
}

function postgresAt(text: string): StoreLocation {
  parseUrl(text);
  return Object.freeze({ kind: 'postgres', connectionString: text });
}

function cosmosAt(text: string): StoreLocation {
  const url = parseUrl(text);
  if (url.username || url.password || url.searchParams.has('key')) {
    throw new ValidationError(`a cosmos:// URL holds no key: set ${COSMOS_KEY_VARIABLE} in the environment`);
  }
  const database = url.searchParams.get('db');
  if (!url.hostname || !database) {
    throw new ValidationError(
      'a cosmos:// URL names the account host and the database: cosmos://host:443?db=alma',
    );
  }
  return Object.freeze({
    kind: 'cosmos',
    endpoint: `${new URL(`https://${url.host}`).origin}/`,
    database,
    keyVariable: COSMOS_KEY_VARIABLE,
  });
}

function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    // The parser's own error quotes the input, password included, so it is not kept as the cause.
    throw new ValidationError(`malformed store URL "${redact(text)}"`);
  }
}

/** Masks a password wherever a URL can carry one: `user:secret@` and `?password=secret`. */
function redact(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
    .replace(/([?&](?:password|sslpassword|sslkey|passfile)=)[^&#]*/gi, '$1***');
}
