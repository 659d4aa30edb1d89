import { ValidationError } from '../errors/alma-error.js';
import type { Scalar } from '../filter/filter-types.js';
import { isUuid } from '../ids/uuid-v7.js';
import type { FieldSpec } from '../model/fields.js';
import { valueSchemaOf } from '../model/patch.js';
import type { CursorPosition, Order } from './query-types.js';

interface CursorBody {
  readonly f: string;
  readonly d: Order['direction'];
  readonly t: 'date' | 'number' | 'string';
  readonly v: string | number;
  readonly id: string;
}

/** An opaque keyset cursor: the order it belongs to and the last sort value and id of a page. */
export function encodeCursor(order: Order, position: CursorPosition): string {
  const { value, id } = position;
  const head = { f: order.field, d: order.direction, id };
  const body: CursorBody =
    value instanceof Date
      ? { ...head, t: 'date', v: value.getTime() }
      : typeof value === 'number'
        ? { ...head, t: 'number', v: value }
        : { ...head, t: 'string', v: String(value) };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The encoded type a cursor must carry for a field of each orderable type. */
const CURSOR_TYPE: Readonly<Record<string, CursorBody['t']>> = {
  id: 'string',
  number: 'number',
  integer: 'number',
  instant: 'date',
};

/**
 * Reads a cursor back. A cursor is opaque but not trusted: one from another query (other order), or
 * tampered with (another type, a value the field could never hold, an id that is not a UUID), is a
 * ValidationError here, so no adapter ever sees a value its own column could not hold.
 */
export function decodeCursor(cursor: string, order: Order, spec: FieldSpec): CursorPosition {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch (cause) {
    throw new ValidationError('cursor is not one this store issued', { cause });
  }
  if (typeof body !== 'object' || body === null || typeof body.id !== 'string') {
    throw new ValidationError('cursor is not one this store issued');
  }
  if (body.f !== order.field || body.d !== order.direction) {
    throw new ValidationError('cursor belongs to a query with another order');
  }
  if (!isUuid(body.id) || body.t !== CURSOR_TYPE[spec.type]) {
    throw new ValidationError('cursor is not one this store issued');
  }
  const value = scalarOf(body);
  if (!valueSchemaOf(spec).safeParse(value).success) {
    throw new ValidationError('cursor is not one this store issued');
  }
  return { value, id: body.id };
}

function scalarOf(body: CursorBody): Scalar {
  if (body.t === 'date' && typeof body.v === 'number') return new Date(body.v);
  if (body.t === 'number' && typeof body.v === 'number') return body.v;
  if (body.t === 'string' && typeof body.v === 'string') return body.v;
  throw new ValidationError('cursor is not one this store issued');
}
