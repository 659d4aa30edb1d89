/**
 * The protobuf wire format, as little of it as an ONNX file needs: varints, length-delimited
 * fields and nested messages. A message is the concatenation of its encoded fields.
 */

const VARINT = 0;
const LENGTH_DELIMITED = 2;

const encoder = new TextEncoder();

/** Negative numbers become their 64-bit two's complement, as protobuf encodes int64. */
function varint(value: number): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Uint8Array.from(bytes);
}

function tag(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

/** Concatenates encoded fields into one message body. */
export function message(...fields: readonly Uint8Array[]): Uint8Array {
  const body = new Uint8Array(fields.reduce((length, field) => length + field.length, 0));
  let offset = 0;
  for (const field of fields) {
    body.set(field, offset);
    offset += field.length;
  }
  return body;
}

/** An integer field (int32, int64 or enum). */
export function intField(field: number, value: number): Uint8Array {
  return message(tag(field, VARINT), varint(value));
}

/** A string, bytes or embedded-message field. */
export function bytesField(field: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  return message(tag(field, LENGTH_DELIMITED), varint(bytes.length), bytes);
}

/** A repeated integer field, one entry per value: the unpacked form every proto2 parser reads. */
export function intFields(field: number, values: readonly number[]): Uint8Array {
  return message(...values.map((value) => intField(field, value)));
}
