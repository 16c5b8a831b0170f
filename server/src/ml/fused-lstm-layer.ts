/**
 * TF.js's LSTM layer with its sequence loop replaced by the fused op (`fused-lstm.ts`) whenever the
 * layer is a plain one the op computes exactly: tanh activation, sigmoid recurrent activation, a bias,
 * no dropout, mask, initial state, statefulness or reversed input, on a backend with our LSTM kernels.
 * Otherwise (tfjs-node, hard sigmoid, ...) it is TF.js's own. It keeps the class name `LSTM` and the
 * cell's weights, so saved models are plain Keras LSTMs: they load with TF.js's layer, older ones load
 * here, and the PyTorch checkpoint mapping still holds. Used by `cnn-lstm.model.ts`, and by `backend.ts`
 * for loaded models.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedLstm } from './fused-lstm.js';
import { hasLstmKernels } from './lstm-kernels.js';

type LstmLayer = ReturnType<typeof tf.layers.lstm>;
type LstmCell = ReturnType<typeof tf.layers.lstmCell>;
type Kwargs = Parameters<LstmLayer['call']>[1];

// TF.js exports the LSTM layer's factory, not its class: take the class TF.js registered for loading.
const StockLstm = tf.serialization.SerializationMap.getMap().classNameMap.LSTM![0] as unknown as {
  new (args: tf.LSTMLayerArgs): LstmLayer;
} & tf.serialization.SerializableConstructor<LstmLayer>;

/** The LSTM layer with a fused forward and backward pass. */
export class FusedLstm extends StockLstm {
  /** Saved topologies name TF.js's layer, so any TF.js or Keras loads them. */
  static override className = 'LSTM';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
    if (!x || x.rank !== 3 || !this.fusable(kwargs)) return super.call(inputs, kwargs);
    const cell = this.cell as LstmCell;
    return tf.tidy(() =>
      fusedLstm(
        x as tf.Tensor3D,
        {
          kernel: cell.kernel.read() as tf.Tensor2D,
          recurrentKernel: cell.recurrentKernel.read() as tf.Tensor2D,
          bias: cell.bias.read() as tf.Tensor1D,
        },
        this.returnSequences,
      ),
    );
  }

  private fusable(kwargs: Kwargs): boolean {
    const cell = this.cell as LstmCell;
    return (
      kwargs?.mask == null &&
      kwargs?.initialState == null &&
      !this.stateful &&
      !this.goBackwards &&
      !this.returnState &&
      cell.useBias &&
      !(cell.dropout > 0) &&
      !(cell.recurrentDropout > 0) &&
      cell.activation.getClassName() === 'tanh' &&
      cell.recurrentActivation.getClassName() === 'sigmoid' &&
      hasLstmKernels()
    );
  }
}

/**
 * Makes TF.js build loaded models' LSTM layers as `FusedLstm` (`true`) or as its own LSTM (`false`).
 * With it a loaded version predicts exactly what the trained model did (the same code computes it), and
 * faster; layers the fused op does not compute still run TF.js's code. The saved name stays `LSTM`.
 */
export function loadLstmLayersAsFused(fused: boolean): void {
  tf.serialization.SerializationMap.register(fused ? FusedLstm : StockLstm);
}

/**
 * Creates the layer; takes the same arguments as `tf.layers.lstm`.
 * @returns a layer that trains several times faster on WASM and cpu and computes the same function.
 */
export function fusedLstmLayer(args: tf.LSTMLayerArgs): FusedLstm {
  return new FusedLstm(args);
}
