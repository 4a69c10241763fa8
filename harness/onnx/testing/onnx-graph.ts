/**
 * Builds tiny ONNX models in memory for unit tests, so each test can declare exactly the inputs, outputs and
 * shapes it is about without committing binaries. Only the protobuf fields these tests need are encoded
 * (onnx.proto3: ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto, TensorProto, AttributeProto).
 */
import { zipSync } from 'fflate';

export type ElemType = 'float32' | 'int32' | 'int64' | 'bool';

const ELEM_TYPE: Record<ElemType, number> = { float32: 1, int32: 6, int64: 7, bool: 9 };

export interface TensorValue {
  readonly name: string;
  readonly elemType: ElemType;
  /**
   * Declared shape: numbers are fixed dims, strings symbolic ones, `null` a dim with neither.
   * Omitted: no shape at all.
   */
  readonly dims?: readonly (number | string | null)[];
}

/** A graph input or output that is a sequence of tensors (a non-tensor value to onnxruntime). */
export interface SequenceValue {
  readonly name: string;
  readonly sequenceOf: ElemType;
}

export type GraphValue = TensorValue | SequenceValue;

export interface GraphNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Integer attributes only. */
  readonly attributes?: Readonly<Record<string, number>>;
}

export interface Graph {
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  readonly nodes: readonly GraphNode[];
  /** int64 constants: a number is a scalar, an array a 1-D tensor. */
  readonly constants?: Readonly<Record<string, number | readonly number[]>>;
}

export function onnxModel(graph: Graph): Uint8Array {
  const body = [
    ...graph.nodes.map((node) => message(1, encodeNode(node))),
    string(2, 'test'),
    ...Object.entries(graph.constants ?? {}).map(([name, value]) => message(5, encodeConstant(name, value))),
    ...graph.inputs.map((value) => message(11, encodeValueInfo(value))),
    ...graph.outputs.map((value) => message(12, encodeValueInfo(value))),
  ];
  // ir_version 8, default-domain opset 17.
  return concat([varintField(1, 8), message(7, concat(body)), message(8, varintField(2, 17))]);
}

/** A zip holding the given entries; a `Graph` entry is encoded with {@link onnxModel}. */
export function zipOf(entries: Readonly<Record<string, Graph | Uint8Array | string>>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] =
      typeof content === 'string'
        ? new TextEncoder().encode(content)
        : content instanceof Uint8Array
          ? content
          : onnxModel(content);
  }
  return zipSync(files);
}

/** An `Identity` graph: output `<name>_out` of each input, with the given declared output shapes. */
export function identityGraph(
  inputs: readonly TensorValue[],
  outputDims: readonly (TensorValue['dims'] | 'same')[] = inputs.map(() => 'same'),
): Graph {
  return {
    inputs,
    outputs: inputs.map((input, index) => {
      const dims = outputDims[index];
      return { name: `${input.name}_out`, elemType: input.elemType, dims: dims === 'same' ? input.dims : dims };
    }),
    nodes: inputs.map((input) => ({ op: 'Identity', inputs: [input.name], outputs: [`${input.name}_out`] })),
  };
}

function encodeNode(node: GraphNode): Uint8Array {
  return concat([
    ...node.inputs.map((name) => string(1, name)),
    ...node.outputs.map((name) => string(2, name)),
    string(4, node.op),
    // AttributeProto: name = 1, i = 3, type = 20 (INT = 2).
    ...Object.entries(node.attributes ?? {}).map(([name, value]) =>
      message(5, concat([string(1, name), varintField(3, value), varintField(20, 2)])),
    ),
  ]);
}

function encodeConstant(name: string, value: number | readonly number[]): Uint8Array {
  // TensorProto: dims = 1 (packed), data_type = 2, int64_data = 7 (packed), name = 8; no dims = scalar.
  const values = typeof value === 'number' ? [value] : value;
  return concat([
    ...(typeof value === 'number' ? [] : [message(1, varint(values.length))]),
    varintField(2, ELEM_TYPE.int64),
    message(7, concat(values.map(varint))),
    string(8, name),
  ]);
}

function encodeValueInfo(value: GraphValue): Uint8Array {
  return concat([string(1, value.name), message(2, encodeType(value))]);
}

function encodeType(value: GraphValue): Uint8Array {
  if ('sequenceOf' in value) {
    // TypeProto.sequence_type = 4 → Sequence.elem_type = 1 (a TypeProto).
    return message(4, message(1, message(1, varintField(1, ELEM_TYPE[value.sequenceOf]))));
  }
  const tensor = [varintField(1, ELEM_TYPE[value.elemType])];
  if (value.dims !== undefined) {
    // TensorShapeProto.dim = 1 → Dimension: dim_value = 1, dim_param = 2.
    const dims = value.dims.map((dim) =>
      message(1, dim === null ? new Uint8Array() : typeof dim === 'number' ? varintField(1, dim) : string(2, dim)),
    );
    tensor.push(message(2, concat(dims)));
  }
  // TypeProto.tensor_type = 1.
  return message(1, concat(tensor));
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, BigInt(value));
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(bytes);
}

function varintField(field: number, value: number): Uint8Array {
  return concat([varint(field << 3), varint(value)]);
}

function message(field: number, body: Uint8Array): Uint8Array {
  return concat([varint((field << 3) | 2), varint(body.length), body]);
}

function string(field: number, text: string): Uint8Array {
  return message(field, new TextEncoder().encode(text));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
