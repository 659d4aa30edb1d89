import { bytesField, intField, intFields, message } from './protobuf-writer.js';

/**
 * A BERT-shaped ONNX graph small enough to write by hand: word plus token-type embeddings, one
 * dense projection and the attention mask zeroing padded positions, so every input the tokenizer
 * feeds is used and the output is what a sentence-transformers export calls `last_hidden_state`.
 * Field numbers are those of onnx/onnx.proto.
 */
export interface TinyBertWeights {
  /** vocabulary size × hidden size */
  readonly wordEmbeddings: readonly (readonly number[])[];
  /** 2 × hidden size */
  readonly tokenTypeEmbeddings: readonly (readonly number[])[];
  /** hidden size × hidden size */
  readonly projection: readonly (readonly number[])[];
}

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
/** IR 8 and opset 17 are old enough for any onnxruntime of recent years to accept. */
const IR_VERSION = 8;
const OPSET = 17;

function tensor(name: string, dims: readonly number[], dataType: number, raw: DataView): Uint8Array {
  return message(
    intFields(1, dims),
    intField(2, dataType),
    bytesField(8, name),
    bytesField(9, new Uint8Array(raw.buffer)),
  );
}

/** Raw tensor data is little-endian whatever the machine, hence DataView rather than typed-array bytes. */
function floatTensor(name: string, rows: readonly (readonly number[])[]): Uint8Array {
  const values = rows.flat();
  const raw = new DataView(new ArrayBuffer(values.length * 4));
  for (const [i, value] of values.entries()) raw.setFloat32(i * 4, value, true);
  return tensor(name, [rows.length, rows[0]?.length ?? 0], FLOAT, raw);
}

function int64Tensor(name: string, values: readonly number[]): Uint8Array {
  const raw = new DataView(new ArrayBuffer(values.length * 8));
  for (const [i, value] of values.entries()) raw.setBigInt64(i * 8, BigInt(value), true);
  return tensor(name, [values.length], INT64, raw);
}

/** A tensor whose dimensions are named (symbolic, like `batch`) or fixed numbers. */
function valueInfo(name: string, elementType: number, dims: readonly (string | number)[]): Uint8Array {
  const shape = dims.map((dim) =>
    bytesField(1, typeof dim === 'string' ? bytesField(2, dim) : intField(1, dim)),
  );
  const tensorType = message(intField(1, elementType), bytesField(2, message(...shape)));
  return message(bytesField(1, name), bytesField(2, bytesField(1, tensorType)));
}

function node(
  opType: string,
  inputs: readonly string[],
  output: string,
  ...attributes: Uint8Array[]
): Uint8Array {
  return message(
    ...inputs.map((input) => bytesField(1, input)),
    bytesField(2, output),
    bytesField(3, output),
    bytesField(4, opType),
    ...attributes.map((attribute) => bytesField(5, attribute)),
  );
}

function intAttribute(name: string, value: number): Uint8Array {
  return message(bytesField(1, name), intField(3, value), intField(20, ATTRIBUTE_INT));
}

/** Serialises the model: (words[input_ids] + types[token_type_ids]) · projection · attention_mask. */
export function tinyOnnxModel(weights: TinyBertWeights): Uint8Array {
  const hidden = weights.projection.length;
  const tokens = ['batch', 'sequence'];
  const graph = message(
    bytesField(1, node('Gather', ['word_embeddings', 'input_ids'], 'words')),
    bytesField(1, node('Gather', ['token_type_embeddings', 'token_type_ids'], 'types')),
    bytesField(1, node('Add', ['words', 'types'], 'embedded')),
    bytesField(1, node('MatMul', ['embedded', 'projection'], 'projected')),
    bytesField(1, node('Cast', ['attention_mask'], 'mask', intAttribute('to', FLOAT))),
    bytesField(1, node('Unsqueeze', ['mask', 'last_axis'], 'mask_per_token')),
    bytesField(1, node('Mul', ['projected', 'mask_per_token'], 'last_hidden_state')),
    bytesField(2, 'tiny-bert'),
    bytesField(5, floatTensor('word_embeddings', weights.wordEmbeddings)),
    bytesField(5, floatTensor('token_type_embeddings', weights.tokenTypeEmbeddings)),
    bytesField(5, floatTensor('projection', weights.projection)),
    bytesField(5, int64Tensor('last_axis', [-1])),
    bytesField(11, valueInfo('input_ids', INT64, tokens)),
    bytesField(11, valueInfo('attention_mask', INT64, tokens)),
    bytesField(11, valueInfo('token_type_ids', INT64, tokens)),
    bytesField(12, valueInfo('last_hidden_state', FLOAT, [...tokens, hidden])),
  );
  return message(
    intField(1, IR_VERSION),
    bytesField(2, 'alma-test'),
    bytesField(7, graph),
    bytesField(8, message(bytesField(1, ''), intField(2, OPSET))),
  );
}
