import { ValidationError } from '../errors/alma-error.js';
import type { Scalar } from '../filter/filter-types.js';
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

/** Reads a cursor back; one from another query (other order) or tampered with is a ValidationError. */
export function decodeCursor(cursor: string, order: Order): CursorPosition {
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
  return { value: scalarOf(body), id: body.id };
}

function scalarOf(body: CursorBody): Scalar {
  if (body.t === 'date' && typeof body.v === 'number') return new Date(body.v);
  if (body.t === 'number' && typeof body.v === 'number') return body.v;
  if (body.t === 'string' && typeof body.v === 'string') return body.v;
  throw new ValidationError('cursor is not one this store issued');
}
