import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '@alma/adapter-sql';
import { createPostgresTestDatabase, type PostgresTestDatabase } from '@alma/adapter-sql/testing';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The drift test: the migrations, applied to an empty database, must build exactly what the
// schema file describes, as Prisma's own schema parser reads it, plus the hand-written SQL the
// schema cannot express, listed below — and nothing else.
//
// A database is described as facts, `key → value`:
//   table <t> → table | virtual <module args>      column <t>.<c> → <type>[ NOT NULL][ DEFAULT …][ GENERATED …]
//   primary key <t> → [<name> ](<columns>)         index <name> → on <t> [<method> ](<columns>)[ UNIQUE]
//   trigger <name> → on <t>                        autoincrement <t> → <column>     extension <name> → installed

type Facts = Map<string, string>;
type Provider = 'postgres' | 'sqlite';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const schemaFile = (provider: Provider) => join(repository, 'prisma', provider, 'schema.prisma');
const KIND_TABLES = [
  'alma_heuristics',
  'alma_outcomes',
  'alma_preferences',
  'alma_domain_knowledge',
  'alma_anti_patterns',
  'alma_checkpoints',
  'alma_workflow_outcomes',
  'alma_artifact_links',
  'alma_archived_memories',
];

/** Tables whose lessons the engine looks up by metadata.taskType, through an expression index. */
const LESSON_TABLES = ['alma_heuristics', 'alma_anti_patterns'];

/** SQL in the migrations that a Prisma schema cannot express. */
const HAND_WRITTEN: Record<Provider, Facts> = {
  postgres: new Map([
    ['extension vector', 'installed'],
    ...KIND_TABLES.flatMap((t): [string, string][] => [
      // Unsupported("vector") fields are left out of the DMMF.
      [`column ${t}.embedding`, 'vector'],
      [`column ${t}.search_vector`, "tsvector GENERATED to_tsvector('simple'::regconfig, search_text)"],
      [`index ${t}_search_vector_idx`, `on ${t} gin (search_vector)`],
    ]),
    ...LESSON_TABLES.map((t): [string, string] => [
      `index ${t}_lesson_task_type_idx`,
      `on ${t} btree (project_id, agent, (metadata -> 'taskType'::text), id)`,
    ]),
  ]),
  sqlite: new Map(
    KIND_TABLES.flatMap((t): [string, string][] => [
      [
        `table ${t}_fts`,
        `virtual fts5(search_text, content='${t}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`,
      ],
      [`trigger ${t}_fts_insert`, `on ${t}`],
      [`trigger ${t}_fts_delete`, `on ${t}`],
      [`trigger ${t}_fts_update`, `on ${t}`],
    ]).concat(
      LESSON_TABLES.map((t): [string, string] => [
        `index ${t}_lesson_task_type_idx`,
        `on ${t} (project_id, agent, <expression>, id)`,
      ]),
    ),
  ),
};

// ---------------------------------------------------------------------------------------------
// The schema, as Prisma reads it: the DMMF from the prisma package's own schema wasm.

interface DmmfField {
  readonly name: string;
  readonly dbName?: string | null;
  readonly kind: string;
  readonly type: string;
  readonly nativeType: readonly [string, readonly string[]] | null;
  readonly isRequired: boolean;
  readonly isId: boolean;
  readonly default?: unknown;
}
interface DmmfModel {
  readonly name: string;
  readonly dbName: string | null;
  readonly fields: readonly DmmfField[];
  readonly primaryKey: { readonly name: string | null; readonly fields: readonly string[] } | null;
}
interface DmmfIndex {
  readonly model: string;
  readonly type: 'id' | 'normal' | 'unique' | 'fulltext';
  readonly dbName?: string | null;
  readonly fields: readonly { readonly name: string }[];
}
interface Dmmf {
  readonly datamodel: { readonly models: readonly DmmfModel[]; readonly indexes: readonly DmmfIndex[] };
}

// The few parts of the WebAssembly API the glue uses: the project's `lib` setting leaves it untyped.
interface WasmTable {
  grow(delta: number): number;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
}
interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): { readonly module: string; readonly name: string }[];
  };
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Calls `get_dmmf` in `prisma/build/prisma_schema_build_bg.wasm` through a minimal wasm-bindgen glue. */
function readDmmf(file: string): Dmmf {
  const prisma = dirname(createRequire(import.meta.url).resolve('prisma/package.json'));
  const module = new wasm.Module(readFileSync(join(prisma, 'build', 'prisma_schema_build_bg.wasm')));
  let exports: Record<string, unknown> = {};
  const bytes = () => new Uint8Array((exports.memory as { buffer: ArrayBuffer }).buffer);
  const text = (pointer: number, length: number) =>
    new TextDecoder().decode(bytes().subarray(pointer >>> 0, (pointer >>> 0) + length));
  const externs = () => exports.__wbindgen_externrefs as WasmTable;
  // The imports carry a hash that changes between Prisma versions; they are matched by prefix.
  const glue: [string, (...args: number[]) => unknown][] = [
    ['__wbg_set_message_', (p, l) => text(p!, l!)],
    ['__wbg_Error_', (p, l) => new Error(text(p!, l!))],
    [
      '__wbg___wbindgen_throw_',
      (p, l) => {
        throw new Error(text(p!, l!));
      },
    ],
    [
      '__wbindgen_init_externref_table',
      () => {
        const base = externs().grow(4);
        for (const [offset, value] of [undefined, null, true, false].entries())
          externs().set(base + offset, value);
        externs().set(0, undefined);
      },
    ],
  ];
  const imports: Record<string, Record<string, unknown>> = {};
  for (const wanted of wasm.Module.imports(module)) {
    const implementation = glue.find(([prefix]) => wanted.name.startsWith(prefix))?.[1];
    if (!implementation) throw new Error(`the schema wasm wants an import this glue lacks: ${wanted.name}`);
    imports[wanted.module] = { ...imports[wanted.module], [wanted.name]: implementation };
  }
  exports = new wasm.Instance(module, imports).exports;
  (exports.__wbindgen_start as () => void)();

  const call = exports as unknown as {
    __wbindgen_malloc(size: number, align: number): number;
    __wbindgen_free(pointer: number, size: number, align: number): void;
    __externref_table_dealloc(index: number): void;
    get_dmmf(pointer: number, length: number): [number, number, number, number];
  };
  const input = new TextEncoder().encode(
    JSON.stringify({ prismaSchema: [[file, readFileSync(file, 'utf8')]], noColor: true }),
  );
  const pointer = call.__wbindgen_malloc(input.length, 1) >>> 0;
  bytes().set(input, pointer);
  const [outPointer, outLength, errorIndex, failed] = call.get_dmmf(pointer, input.length);
  if (failed) {
    const error = externs().get(errorIndex);
    call.__externref_table_dealloc(errorIndex);
    throw error;
  }
  try {
    return JSON.parse(text(outPointer, outLength)) as Dmmf;
  } finally {
    call.__wbindgen_free(outPointer, outLength, 1);
  }
}

// Prisma's column types: its PostgreSQL defaults and native types (as format_type() prints them),
// and the SQLite schema engine's render_column_type.
const SCALAR_TYPES: Record<Provider, Record<string, string>> = {
  postgres: {
    String: 'text',
    Boolean: 'boolean',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Decimal: 'numeric(65,30)',
    DateTime: 'timestamp(3) without time zone',
    Json: 'jsonb',
    Bytes: 'bytea',
  },
  sqlite: {
    String: 'TEXT',
    Boolean: 'BOOLEAN',
    Int: 'INTEGER',
    BigInt: 'BIGINT',
    Float: 'REAL',
    Decimal: 'DECIMAL',
    DateTime: 'DATETIME',
    Json: 'JSONB',
    Bytes: 'BLOB',
  },
};
const POSTGRES_NATIVE_TYPES: Record<string, (args: readonly string[]) => string> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  Timestamptz: ([p = '6']) => `timestamp(${p}) with time zone`,
  Timestamp: ([p = '6']) => `timestamp(${p}) without time zone`,
  VarChar: ([n]) => (n ? `character varying(${n})` : 'character varying'),
};

function columnType(provider: Provider, field: DmmfField): string {
  if (field.nativeType) {
    const render = provider === 'postgres' ? POSTGRES_NATIVE_TYPES[field.nativeType[0]] : undefined;
    if (!render)
      throw new Error(`the drift test does not know the native type @db.${field.nativeType[0]} yet`);
    return render(field.nativeType[1]);
  }
  const type = SCALAR_TYPES[provider][field.type];
  if (!type) throw new Error(`the drift test does not know the Prisma type ${field.type} yet`);
  return type;
}

function columnDefault(provider: Provider, field: DmmfField, type: string): string {
  const value = field.default;
  if (value === undefined) return '';
  if (typeof value === 'string') {
    const literal = `'${value.replaceAll("'", "''")}'`;
    return ` DEFAULT ${provider === 'postgres' ? `${literal}::${type}` : literal}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return ` DEFAULT ${value}`;
  if ((value as { name?: unknown }).name === 'autoincrement' && provider === 'sqlite') return '';
  throw new Error(`the drift test does not know the default ${JSON.stringify(value)} yet`);
}

/** What the schema file describes, as facts. */
function schemaFacts(provider: Provider, dmmf: Dmmf): Facts {
  const facts: Facts = new Map();
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const columnOf = (name: string) => {
      const field = model.fields.find((f) => f.name === name)!;
      return field.dbName ?? field.name;
    };
    facts.set(`table ${table}`, 'table');
    for (const field of model.fields.filter((f) => f.kind === 'scalar')) {
      const type = columnType(provider, field);
      const required = field.isRequired ? ' NOT NULL' : '';
      facts.set(
        `column ${table}.${columnOf(field.name)}`,
        `${type}${required}${columnDefault(provider, field, type)}`,
      );
      if ((field.default as { name?: unknown } | undefined)?.name === 'autoincrement') {
        facts.set(`autoincrement ${table}`, columnOf(field.name));
      }
    }
    const key = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    const keyName = provider === 'postgres' ? `${model.primaryKey?.name ?? `${table}_pkey`} ` : '';
    facts.set(`primary key ${table}`, `${keyName}(${key.map(columnOf).join(', ')})`);
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name && i.type !== 'id')) {
      const columns = index.fields.map((f) => columnOf(f.name));
      const unique = index.type === 'unique';
      // Prisma's default names: <table>_<columns>_idx, or _key for a unique one.
      const name = index.dbName ?? `${table}_${columns.join('_')}_${unique ? 'key' : 'idx'}`;
      const method = provider === 'postgres' ? 'btree ' : '';
      facts.set(`index ${name}`, `on ${table} ${method}(${columns.join(', ')})${unique ? ' UNIQUE' : ''}`);
    }
  }
  return facts;
}

function expectedFacts(provider: Provider): Facts {
  return new Map([...schemaFacts(provider, readDmmf(schemaFile(provider))), ...HAND_WRITTEN[provider]]);
}

// ---------------------------------------------------------------------------------------------
// The database, as its catalogue describes it.

const FTS5_SHADOW_TABLES = ['data', 'idx', 'docsize', 'config', 'content'];

function sqliteFacts(db: Database.Database): Facts {
  const facts: Facts = new Map();
  const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name').all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const virtual = objects.filter((o) => o.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(o.sql ?? ''));
  // FTS5 keeps its index in tables of its own, named after the virtual table.
  const shadow = new Set(virtual.flatMap((v) => FTS5_SHADOW_TABLES.map((suffix) => `${v.name}_${suffix}`)));
  for (const object of objects) {
    if (
      object.name.startsWith('sqlite_') ||
      object.name === '_prisma_migrations' ||
      shadow.has(object.name)
    ) {
      continue;
    }
    if (object.type === 'trigger') facts.set(`trigger ${object.name}`, `on ${object.tbl_name}`);
    else if (object.type === 'index') {
      const columns = db
        // An expression column has no name here (SQLite keeps its text only in the CREATE INDEX).
        .prepare(
          "SELECT coalesce(name, '<expression>') FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
        )
        .pluck()
        .all(object.name);
      const unique = (db
        .prepare('SELECT "unique" FROM pragma_index_list(?) WHERE name = ?')
        .pluck()
        .get(object.tbl_name, object.name) as number)
        ? ' UNIQUE'
        : '';
      facts.set(`index ${object.name}`, `on ${object.tbl_name} (${columns.join(', ')})${unique}`);
    } else if (object.type === 'table' && virtual.includes(object)) {
      facts.set(`table ${object.name}`, `virtual ${/USING\s+(.*)$/is.exec(object.sql!)?.[1]?.trim()}`);
    } else if (object.type === 'table') {
      facts.set(`table ${object.name}`, 'table');
      const columns = db.prepare('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(object.name) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
        hidden: number;
      }[];
      for (const c of columns) {
        const generated = c.hidden === 2 || c.hidden === 3 ? ' GENERATED' : '';
        const value = `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`}`;
        facts.set(`column ${object.name}.${c.name}`, `${value}${generated}`);
      }
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      facts.set(`primary key ${object.name}`, `(${key.map((c) => c.name).join(', ')})`);
      if (/AUTOINCREMENT/i.test(object.sql ?? '')) facts.set(`autoincrement ${object.name}`, key[0]!.name);
    } else facts.set(`${object.type} ${object.name}`, object.sql ?? '');
  }
  return facts;
}

async function postgresFacts(client: pg.Client): Promise<Facts> {
  const facts: Facts = new Map();
  const inSchema = `n.nspname = current_schema() AND c.relname <> '_prisma_migrations'`;
  const relations = await client.query(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${inSchema} AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
  );
  for (const r of relations.rows)
    facts.set(`table ${r.relname}`, r.relkind === 'r' ? 'table' : `relkind ${r.relkind}`);
  const columns = await client.query(
    `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attgenerated,
            pg_get_expr(d.adbin, d.adrelid) AS expression
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE ${inSchema} AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  for (const c of columns.rows) {
    const extra =
      c.expression === null ? '' : c.attgenerated ? ` GENERATED ${c.expression}` : ` DEFAULT ${c.expression}`;
    facts.set(`column ${c.relname}.${c.attname}`, `${c.type}${c.attnotnull ? ' NOT NULL' : ''}${extra}`);
  }
  const indexes = await client.query(
    `SELECT i.relname AS name, c.relname AS table, am.amname, x.indisprimary, x.indisunique,
            array(SELECT coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, k.position::int, true))
                  FROM unnest(x.indkey) WITH ORDINALITY k(attnum, position)
                  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.position) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
     JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${inSchema}`,
  );
  for (const i of indexes.rows) {
    const columns = `(${(i.columns as string[]).join(', ')})`;
    if (i.indisprimary) facts.set(`primary key ${i.table}`, `${i.name} ${columns}`);
    else
      facts.set(`index ${i.name}`, `on ${i.table} ${i.amname} ${columns}${i.indisunique ? ' UNIQUE' : ''}`);
  }
  const triggers = await client.query(
    `SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${inSchema} AND NOT t.tgisinternal`,
  );
  for (const t of triggers.rows) facts.set(`trigger ${t.tgname}`, `on ${t.relname}`);
  const extensions = await client.query(`SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'`);
  for (const e of extensions.rows) facts.set(`extension ${e.extname}`, 'installed');
  return facts;
}

/** Every difference between what was expected and what was found; empty when there is no drift. */
function describeDrift(expected: Facts, actual: Facts): string[] {
  const drift: string[] = [];
  for (const [key, value] of expected) {
    const found = actual.get(key);
    if (found === undefined) drift.push(`missing ${key}: ${value}`);
    else if (found !== value) drift.push(`${key}: expected ${value}, found ${found}`);
  }
  for (const [key, value] of actual) if (!expected.has(key)) drift.push(`unexpected ${key}: ${value}`);
  return drift.sort();
}

// ---------------------------------------------------------------------------------------------

describe('drift detection', () => {
  it('reads the schema the way Prisma does', () => {
    const facts = expectedFacts('sqlite');
    expect(facts.get('column alma_outcomes.task_type')).toBe('TEXT NOT NULL');
    expect(facts.get('column alma_outcomes.duration_ms')).toBe('BIGINT');
    expect(facts.get('column alma_heuristics.metadata')).toBe("JSONB NOT NULL DEFAULT '{}'");
    expect(facts.get('primary key alma_meta')).toBe('(key)');
    expect(facts.get('autoincrement alma_vector_outbox')).toBe('seq');
    expect(facts.get('index alma_outcomes_project_id_agent_task_type_timestamp_id_idx')).toBe(
      'on alma_outcomes (project_id, agent, task_type, timestamp, id)',
    );
    expect(expectedFacts('postgres').get('column alma_heuristics.created_at')).toBe(
      'timestamp(3) with time zone NOT NULL',
    );
  });

  it('reports a wrong type, a missing index and an unexpected column as drift', () => {
    const expected = expectedFacts('postgres');
    const actual = new Map(expected);
    actual.set('column alma_outcomes.success', 'integer NOT NULL');
    actual.delete('index alma_outcomes_project_id_timestamp_idx');
    actual.set('column alma_meta.extra', 'text');
    expect(describeDrift(expected, actual)).toEqual([
      'column alma_outcomes.success: expected boolean NOT NULL, found integer NOT NULL',
      'missing index alma_outcomes_project_id_timestamp_idx: on alma_outcomes btree (project_id, timestamp)',
      'unexpected column alma_meta.extra: text',
    ]);
  });

  it('finds the same memory models in both schemas, apart from the SQLite vector outbox', () => {
    const shape = (provider: Provider) =>
      readDmmf(schemaFile(provider)).datamodel.models.map((model) => ({
        model: model.name,
        table: model.dbName,
        key: model.primaryKey?.fields ?? null,
        // PostgreSQL keeps the embedding in an Unsupported("vector") column, which the DMMF omits.
        fields: model.fields
          .filter((f) => f.name !== 'embedding')
          .map((f) => [f.name, f.dbName ?? f.name, f.type, f.isRequired, JSON.stringify(f.default)]),
      }));
    const sqliteModels = shape('sqlite').filter((model) => model.model !== 'VectorOutbox');
    expect(shape('postgres')).toEqual(sqliteModels);
  });
});

describe('the SQLite migrations build what prisma/sqlite/schema.prisma describes', () => {
  let scratch: string;
  let db: Database.Database;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'alma-drift-'));
    const file = join(scratch, 'alma.db');
    await migrate({ provider: 'sqlite', file });
    db = new Database(file);
  });
  afterAll(async () => {
    db?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('has no drift', () => {
    expect(describeDrift(expectedFacts('sqlite'), sqliteFacts(db))).toEqual([]);
  });

  it('would notice a change made outside the migrations', () => {
    db.exec('ALTER TABLE alma_meta ADD COLUMN extra TEXT; CREATE INDEX stray ON alma_outcomes (agent);');
    expect(describeDrift(expectedFacts('sqlite'), sqliteFacts(db))).toEqual([
      'unexpected column alma_meta.extra: TEXT',
      'unexpected index stray: on alma_outcomes (agent)',
    ]);
  });
});

describe('the PostgreSQL migrations build what prisma/postgres/schema.prisma describes', () => {
  let database: PostgresTestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createPostgresTestDatabase('alma_drift');
    await migrate({ provider: 'postgres', connectionString: database.connectionString });
    client = new pg.Client({ connectionString: database.connectionString });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('has no drift', async () => {
    expect(describeDrift(expectedFacts('postgres'), await postgresFacts(client))).toEqual([]);
  });

  it('would notice a change made outside the migrations', async () => {
    await client.query(
      'ALTER TABLE alma_meta ADD COLUMN extra TEXT; ALTER TABLE alma_outcomes ALTER COLUMN agent DROP NOT NULL',
    );
    expect(describeDrift(expectedFacts('postgres'), await postgresFacts(client))).toEqual([
      'column alma_outcomes.agent: expected text NOT NULL, found text',
      'unexpected column alma_meta.extra: text',
    ]);
  });
});
