import { getRandomValues } from 'node:crypto';

/** A record id: an RFC 9562 UUID of versions 1 to 8, lower case (the nil and max UUIDs name no record). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let lastMillis = -1;
let sequence = 0;

/**
 * A time-ordered UUIDv7 (RFC 9562). Within one process ids are strictly increasing, even inside one
 * millisecond (12-bit sequence in `rand_a`), so ordering by id is ordering by creation.
 */
export function uuidv7(now: number = Date.now()): string {
  let millis = Math.max(now, lastMillis);
  if (millis === lastMillis) {
    sequence += 1;
    if (sequence > 0xfff) {
      millis += 1;
      sequence = randomSequenceStart();
    }
  } else {
    sequence = randomSequenceStart();
  }
  lastMillis = millis;

  const bytes = getRandomValues(new Uint8Array(16));
  const high = Math.floor(millis / 2 ** 16);
  bytes[0] = (high >>> 24) & 0xff;
  bytes[1] = (high >>> 16) & 0xff;
  bytes[2] = (high >>> 8) & 0xff;
  bytes[3] = high & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Leaves headroom so a burst inside one millisecond rarely spills into the next. */
function randomSequenceStart(): number {
  return (getRandomValues(new Uint16Array(1))[0] ?? 0) & 0x3ff;
}

/** True for a canonical lowercase RFC 9562 UUID of any version. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
