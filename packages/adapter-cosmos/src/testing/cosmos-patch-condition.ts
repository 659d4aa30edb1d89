import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

const CLAUSE = /^\s*from\s+c\s+where\s+/i;

/** Whether a request may be a conditional patch: the only kind this correction reads. */
export function isPatchRequest(request: IncomingMessage): boolean {
  return request.method === 'PATCH';
}

/**
 * The stand-in runs the condition across the whole container: a document of the same id in
 * another partition could satisfy it. A real account evaluates it on the target document only,
 * so the query is held to the request's partition (ALMA's partition key path is /projectId).
 */
function partitionClause(request: IncomingMessage): string {
  const header = request.headers['x-ms-documentdb-partitionkey'];
  try {
    const [value] = JSON.parse(String(header)) as unknown[];
    return typeof value === 'string' ? `c.projectId = ${JSON.stringify(value)} AND ` : '';
  } catch {
    return '';
  }
}

/**
 * A real account evaluates a patch's filter predicate (`FROM c WHERE …`) as written. The stand-in
 * lower-cases the clause before running it, so `c.occurrenceCount` becomes a property no document
 * has and every conditional patch fails. It runs a full `SELECT` as given, with `@id` bound to the
 * document's id (held to its partition): the predicate is handed over in that form, case intact.
 * Returns the request to serve, with the same method, URL and headers.
 */
export async function withPatchConditionKept(request: IncomingMessage): Promise<IncomingMessage> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  let body = Buffer.concat(chunks);
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { condition?: unknown };
    if (typeof parsed.condition === 'string' && CLAUSE.test(parsed.condition)) {
      const where = parsed.condition.replace(CLAUSE, '');
      body = Buffer.from(
        JSON.stringify({
          ...parsed,
          condition: `SELECT * FROM c WHERE c.id = @id AND ${partitionClause(request)}(${where})`,
        }),
      );
    }
  } catch {
    // Not JSON: the stand-in answers it as it would have.
  }
  return Object.assign(Readable.from([body], { objectMode: false }), {
    method: request.method,
    url: request.url,
    headers: { ...request.headers, 'content-length': String(body.length) },
  }) as unknown as IncomingMessage;
}
