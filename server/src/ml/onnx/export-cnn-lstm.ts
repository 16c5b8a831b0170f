/**
 * ONNX export of a CNN-LSTM version, built from its saved TF.js topology and weights (no TF.js, no
 * Python): Transpose → Conv → Relu → Transpose → LSTM × layers → Squeeze → Gemm. The graph computes what
 * the Keras layers do: input [batch, window, 1] (NWC), output [batch, 1] (the next normalised day).
 * Keras keeps an LSTM's gates as i,f,c,o column blocks of [input, 4·units]; ONNX wants i,o,f,c row blocks
 * of [4·units, input], so weights are permuted and transposed here. Used by the model folder (a
 * `model.onnx` beside `model.json`, also an MLflow artifact) and by the ONNX Runtime serving engine.
 */
import { AttributeType, DataType, ModelProto } from './onnx-schema.js';
import type { ModelArtifacts } from '../model-bundle.js';

/** Names of the exported graph's input and output. */
export const ONNX_INPUT = 'window';
export const ONNX_OUTPUT = 'next';
/** ONNX opset: LSTM, Conv, Squeeze (axes as an input), Gemm as of opset 13; 17 is widely supported. */
const OPSET = 17;

interface LayerConfig {
  class_name: string;
  config: Record<string, unknown> & { name: string };
}

type Attribute = Record<string, unknown>;
interface Node {
  opType: string;
  name: string;
  input: string[];
  output: string[];
  attribute: Attribute[];
}
interface Initializer {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

/** Thrown when a topology holds a layer or setting the exporter does not translate. */
export class OnnxExportError extends Error {}

/**
 * Exports a CNN-LSTM version's TF.js artifacts.
 * @returns the bytes of an ONNX model (IR 8, opset 17).
 * @throws OnnxExportError when the topology is not Conv1D → LSTM × n → Dense as `cnn-lstm.model.ts` builds.
 */
export function exportCnnLstmOnnx(artifacts: ModelArtifacts): Uint8Array {
  const layers = sequentialLayers(artifacts.modelTopology);
  const weights = readWeights(artifacts);
  const weight = (layer: string, name: string) => {
    const found = weights.get(`${layer}/${name}`);
    if (!found) throw new OnnxExportError(`weight ${layer}/${name} is missing`);
    return found;
  };
  const nodes: Node[] = [];
  const initializers: Initializer[] = [];
  const constant = (name: string, dims: number[], values: Float32Array) =>
    initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: bytesOf(values) });
  const node = (opType: string, input: string[], output: string, attribute: Attribute[] = []) =>
    nodes.push({ opType, name: `${opType}_${nodes.length}`, input, output: [output], attribute });

  const [conv, ...rest] = layers;
  const dense = rest.pop();
  if (!conv || conv.class_name !== 'Conv1D' || !dense || dense.class_name !== 'Dense' || rest.length === 0) {
    throw new OnnxExportError(`expected Conv1D → LSTM… → Dense, got ${layers.map((l) => l.class_name)}`);
  }
  const inputShape = (conv.config.batch_input_shape ?? conv.config.batchInputShape) as (number | null)[];
  const windowSize = inputShape?.[1];
  if (typeof windowSize !== 'number' || inputShape[2] !== 1) {
    throw new OnnxExportError(`expected an input of [batch, window, 1], got ${JSON.stringify(inputShape)}`);
  }

  // Conv1D (NWC, kernel [k, 1, filters]) as ONNX Conv (NCW, weight [filters, 1, k]).
  expect(conv, 'padding', 'valid');
  expect(conv, 'activation', 'relu');
  expect(conv, 'use_bias', true);
  if (![1, [1]].some((v) => JSON.stringify(v) === JSON.stringify(conv.config.strides)))
    unsupported(conv, 'strides');
  if (![1, [1]].some((v) => JSON.stringify(v) === JSON.stringify(conv.config.dilation_rate))) {
    unsupported(conv, 'dilation_rate');
  }
  const kernel = weight(conv.config.name, 'kernel');
  const [k, channels, filters] = kernel.shape as [number, number, number];
  if (channels !== 1) unsupported(conv, 'input channels');
  const convW = new Float32Array(filters * k);
  for (let f = 0; f < filters; f++)
    for (let t = 0; t < k; t++) convW[f * k + t] = kernel.values[t * filters + f]!;
  constant('conv_W', [filters, 1, k], convW);
  constant('conv_B', [filters], weight(conv.config.name, 'bias').values);
  node('Transpose', [ONNX_INPUT], 'x_ncw', [ints('perm', [0, 2, 1])]);
  node('Conv', ['x_ncw', 'conv_W', 'conv_B'], 'conv', [ints('kernel_shape', [k]), ints('pads', [0, 0])]);
  node('Relu', ['conv'], 'conv_relu');
  // [batch, filters, steps] → ONNX LSTM's [steps, batch, features].
  node('Transpose', ['conv_relu'], 'lstm0_x', [ints('perm', [2, 0, 1])]);

  initializers.push({ name: 'axis0', dims: [1], dataType: DataType.INT64, rawData: int64Bytes([0]) });
  if (rest.length > 1) {
    initializers.push({ name: 'axis1', dims: [1], dataType: DataType.INT64, rawData: int64Bytes([1]) });
  }
  let features = filters;
  let sequence = 'lstm0_x';
  let last = '';
  rest.forEach((lstm, index) => {
    if (lstm.class_name !== 'LSTM') throw new OnnxExportError(`expected LSTM, got ${lstm.class_name}`);
    expect(lstm, 'activation', 'tanh');
    expect(lstm, 'recurrent_activation', 'sigmoid');
    expect(lstm, 'use_bias', true);
    for (const flag of ['go_backwards', 'stateful', 'return_state'] as const) {
      if (lstm.config[flag]) unsupported(lstm, flag);
    }
    const returnSequences = Boolean(lstm.config.return_sequences);
    if (returnSequences !== index < rest.length - 1) unsupported(lstm, 'return_sequences');
    const units = lstm.config.units as number;
    const name = lstm.config.name;
    const w = `lstm${index}_W`;
    const r = `lstm${index}_R`;
    const b = `lstm${index}_B`;
    constant(w, [1, 4 * units, features], toOnnxGates(weight(name, 'kernel').values, features, units));
    constant(r, [1, 4 * units, units], toOnnxGates(weight(name, 'recurrent_kernel').values, units, units));
    // ONNX adds two biases (input and recurrent); Keras has one: it goes first, zeros second.
    const bias = new Float32Array(8 * units);
    bias.set(toOnnxGates(weight(name, 'bias').values, 1, units));
    constant(b, [1, 8 * units], bias);
    const y = `lstm${index}_Y`;
    const yh = `lstm${index}_Yh`;
    nodes.push({
      opType: 'LSTM',
      name: `LSTM_${index}`,
      input: [sequence, w, r, b],
      output: [y, yh],
      attribute: [int('hidden_size', units), string('direction', 'forward')],
    });
    // Y is [steps, directions, batch, units]; Y_h is [directions, batch, units].
    if (returnSequences) {
      sequence = `lstm${index + 1}_x`;
      node('Squeeze', [y, 'axis1'], sequence);
    } else {
      last = `lstm${index}_h`;
      node('Squeeze', [yh, 'axis0'], last);
    }
    features = units;
  });

  expect(dense, 'activation', 'linear');
  expect(dense, 'use_bias', true);
  const denseKernel = weight(dense.config.name, 'kernel');
  if (denseKernel.shape[0] !== features || denseKernel.shape[1] !== 1) unsupported(dense, 'kernel shape');
  constant('dense_W', [features, 1], denseKernel.values);
  constant('dense_B', [1], weight(dense.config.name, 'bias').values);
  node('Gemm', [last, 'dense_W', 'dense_B'], ONNX_OUTPUT);

  const tensorType = (dims: (number | string)[]) => ({
    tensorType: {
      elemType: DataType.FLOAT,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  });
  const model = ModelProto.create({
    irVersion: 8,
    producerName: 'sales-forecast',
    producerVersion: '1',
    docString: 'CNN-LSTM next-day forecast on a normalised window (exported from the TF.js layers model)',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'CNNLSTM',
      node: nodes,
      initializer: initializers,
      input: [{ name: ONNX_INPUT, type: tensorType(['batch', windowSize, 1]) }],
      output: [{ name: ONNX_OUTPUT, type: tensorType(['batch', 1]) }],
    },
  });
  return ModelProto.encode(model).finish();
}

/** Keras [rows, 4·units] with column blocks i,f,c,o → ONNX [4·units, rows] with row blocks i,o,f,c. */
function toOnnxGates(keras: Float32Array, rows: number, units: number): Float32Array {
  const KERAS_BLOCK_OF_ONNX = [0, 3, 1, 2];
  const out = new Float32Array(4 * units * rows);
  KERAS_BLOCK_OF_ONNX.forEach((block, gate) => {
    for (let u = 0; u < units; u++) {
      for (let row = 0; row < rows; row++) {
        out[(gate * units + u) * rows + row] = keras[row * 4 * units + block * units + u]!;
      }
    }
  });
  return out;
}

function sequentialLayers(topology: object): LayerConfig[] {
  const model = topology as { class_name?: string; config?: { layers?: LayerConfig[] } | LayerConfig[] };
  const config = model.config;
  const layers = Array.isArray(config) ? config : config?.layers;
  if (model.class_name !== 'Sequential' || !layers) {
    throw new OnnxExportError(`expected a Sequential model, got ${model.class_name ?? 'nothing'}`);
  }
  return layers.filter((layer) => layer.class_name !== 'InputLayer');
}

/** Weight name (`layer/kernel`) → shape and float32 values, from the concatenated weight data. */
function readWeights(artifacts: ModelArtifacts): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of artifacts.weightSpecs) {
    if (spec.dtype !== 'float32' || spec.quantization) {
      throw new OnnxExportError(`weight ${spec.name}: only plain float32 weights are exported`);
    }
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = artifacts.weightData.slice(offset, offset + size * 4);
    offset += size * 4;
    out.set(spec.name, { shape: spec.shape, values: new Float32Array(bytes.buffer, bytes.byteOffset, size) });
  }
  return out;
}

function expect(layer: LayerConfig, key: string, value: unknown): void {
  if ((layer.config[key] ?? value) !== value) unsupported(layer, `${key} ${String(layer.config[key])}`);
}

function unsupported(layer: LayerConfig, what: string): never {
  throw new OnnxExportError(`${layer.class_name} ${layer.config.name}: unsupported ${what}`);
}

function bytesOf(values: Float32Array): Uint8Array {
  // ONNX raw data is little-endian, as are the machines ONNX Runtime ships for.
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

function int64Bytes(values: number[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer);
}

const int = (name: string, i: number) => ({ name, type: AttributeType.INT, i });
const ints = (name: string, values: number[]) => ({ name, type: AttributeType.INTS, ints: values });
const string = (name: string, value: string) => ({ name, type: AttributeType.STRING, s: Buffer.from(value) });
