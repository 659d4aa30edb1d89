import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Heuristic, searchableTokens } from '@alma/core';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The columns of alma_heuristics, in one order for both raw paths. */
const COLUMNS = [
  'project_id',
  'id',
  'created_at',
  'updated_at',
  'metadata',
  'embedding',
  'search_text',
  'agent',
  'condition',
  'strategy',
  'confidence',
  'occurrence_count',
  'success_count',
  'last_validated',
] as const;

function values(record: Heuristic): (string | number | null)[] {
  return [
    record.projectId,
    record.id,
    record.createdAt.toISOString(),
    record.updatedAt.toISOString(),
    JSON.stringify(record.metadata),
    null,
    searchableTokens('heuristic', record).join(' '),
    record.agent,
    record.condition,
    record.strategy,
    record.confidence,
    record.occurrenceCount,
    record.successCount,
    record.lastValidated.toISOString(),
  ];
}

/**
 * PostgreSQL's fastest bulk path: one COPY FROM STDIN in text format, through the plain `pg`
 * driver. The benchmark's data holds no tab, newline or backslash, so no escaping is needed.
 */
export async function copyIntoPostgres(
  connectionString: string,
  records: readonly Heuristic[],
): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const stream = client.query(copyFrom(`COPY alma_heuristics (${COLUMNS.join(', ')}) FROM STDIN`));
    const lines = function* () {
      for (const record of records) {
        const row = values(record);
        row[5] = record.embedding ? JSON.stringify(Array.from(record.embedding)) : null;
        yield `${row.map((value) => (value === null ? '\\N' : String(value))).join('\t')}\n`;
      }
    };
    await pipeline(Readable.from(lines()), stream);
  } finally {
    await client.end();
  }
}

/** SQLite's fastest bulk path: one prepared INSERT run per row inside one transaction. */
export function insertIntoSqlite(file: string, records: readonly Heuristic[]): void {
  const db = new Database(file);
  try {
    const insert = db.prepare(
      `INSERT INTO alma_heuristics (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const record of records) {
        const row: (string | number | Buffer | null)[] = values(record);
        row[5] = record.embedding
          ? Buffer.from(record.embedding.buffer, record.embedding.byteOffset, record.embedding.byteLength)
          : null;
        insert.run(row);
      }
    })();
  } finally {
    db.close();
  }
}
