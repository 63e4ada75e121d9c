package org.nautilus.engine.train.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stacked LSTM or GRU over fixed-length sequences as one ND4J SameDiff graph (float32): the input
 * {@code [batch, steps, features]} runs through {@code layers} recurrent layers of {@code units}; the
 * last layer's hidden state after the last step goes through a linear output, with softmax cross-entropy
 * for classification or mean squared error for regression.
 *
 * <p>An LSTM layer is ND4J's fused {@code lstmLayer} op (sigmoid gates, tanh cell and output
 * activations, no peepholes; weights {@code [in, 4U]}, recurrent weights {@code [U, 4U]}, bias
 * {@code [4U]}), whose gradient matches finite differences in ND4J 1.0.0-M2.1. A GRU layer is composed
 * from matmul, sigmoid and tanh ops, unrolled over the steps ({@link #gru}; per gate {@code [in, U]},
 * {@code [U, U]} and {@code [U]}): the fused {@code gru} op's gradient is wrong there (for the reset gate's
 * weights and bias it disagreed with finite differences, even in sign), and the gradient of
 * {@code get(point(t))} on its output fails outright ({@code strided_slice_bp}, "Op validation failed").
 * Inputs, recurrent weights and the output layer are Xavier-uniform, biases zero, drawn from a
 * {@link SplittableRandom} seeded by the caller.
 *
 * <p><b>Dropout</b> multiplies each layer's output by a mask placeholder ({@link #mask(int)},
 * {@code [batch, units]}, already scaled by {@code 1 / (1 - p)}) that is the same at every step of a
 * sequence ("variational" dropout); the trainer fills it from its own seeded generator, and with ones
 * for evaluation.
 */
public final class RecurrentNetwork {
  /** Placeholder for sequences, {@code [batch, steps, features]}. */
  public static final String INPUT = "input";
  /** Placeholder for targets: one-hot {@code [batch, classes]} or {@code [batch, 1]}. */
  public static final String LABELS = "labels";
  /** Output: class scores (logits) or the predicted value. */
  public static final String OUTPUT = "output";
  /** The loss variable. */
  public static final String LOSS = "loss";

  private final SameDiff graph;
  private final RecurrentArchitecture shape;
  private final long parameterCount;

  private RecurrentNetwork(SameDiff graph, RecurrentArchitecture shape, long parameterCount) {
    this.graph = graph;
    this.shape = shape;
    this.parameterCount = parameterCount;
  }

  /** Placeholder name of layer {@code layer}'s dropout mask, {@code [batch, units]}. */
  public static String mask(int layer) {
    return "mask_" + layer;
  }

  /**
   * Builds the network for sequences of {@code steps} steps of {@code features} values and
   * {@code outputs} outputs (classes, or 1 for regression).
   */
  public static RecurrentNetwork build(RecurrentArchitecture shape, int steps, int features, int outputs,
      boolean classification, long seed) {
    if (steps < 1 || features < 1 || outputs < 1 || (classification && outputs < 2)) {
      throw new IllegalArgumentException("bad recurrent shape: " + steps + " steps of " + features + " features, "
          + outputs + " outputs");
    }
    SplittableRandom random = new SplittableRandom(seed);
    SameDiff sd = SameDiff.create();
    SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, steps, features);
    SDVariable x = sd.permute("time_major", input, 1, 0, 2); // [steps, batch, features]
    int units = shape.units();
    int gates = shape.cell().gates();
    // the time-major view that both cells read
    int width = features;
    long params = 0;
    SDVariable last = null;
    for (int layer = 0; layer < shape.layers(); layer++) {
      boolean top = layer == shape.layers() - 1;
      params += (long) gates * ((long) width * units + (long) units * units + units);
      SDVariable sequence = null;
      if (shape.cell() == RecurrentCell.LSTM) {
        SDVariable w = sd.var("w" + layer, xavier(random, width, gates * units));
        SDVariable r = sd.var("r" + layer, xavier(random, units, gates * units));
        SDVariable b = sd.var("b" + layer, Nd4j.zeros(DataType.FLOAT, gates * units));
        LSTMLayerConfig config = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.TNS)
            .directionMode(LSTMDirectionMode.FWD).gateAct(LSTMActivations.SIGMOID).cellAct(LSTMActivations.TANH)
            .outAct(LSTMActivations.TANH).retFullSequence(!top).retLastH(true).retLastC(false).build();
        SDVariable[] out = sd.rnn().lstmLayer(x, null, null, null,
            LSTMLayerWeights.builder().weights(w).rWeights(r).bias(b).build(), config);
        if (top) {
          last = out[0];
        } else {
          sequence = out[0];
        }
      } else {
        SDVariable[] states = gru(sd, random, "l" + layer, x, steps, width, units);
        if (top) {
          last = states[steps - 1];
        } else {
          sequence = sd.stack(0, states);
        }
      }
      SDVariable mask = sd.placeHolder(mask(layer), DataType.FLOAT, -1, units);
      if (top) {
        last = last.mul("h" + layer, mask);
      } else {
        x = sequence.mul("h" + layer, mask);
      }
      width = units;
    }
    SDVariable w = sd.var("w_out", xavier(random, units, outputs));
    SDVariable b = sd.var("b_out", Nd4j.zeros(DataType.FLOAT, outputs));
    params += (long) units * outputs + outputs;
    SDVariable out = sd.nn().biasAdd(OUTPUT, last.mmul(w), b, true);
    SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, outputs);
    if (classification) {
      sd.loss().softmaxCrossEntropy(LOSS, labels, out, null);
    } else {
      sd.loss().meanSquaredError(LOSS, labels, out, null);
    }
    sd.setLossVariables(LOSS);
    return new RecurrentNetwork(sd, shape, params);
  }

  /**
   * One GRU layer unrolled over {@code steps} (PyTorch's equations, one bias per gate):
   * {@code r = sigmoid(x Wr + h Rr + br)}, {@code z = sigmoid(x Wz + h Rz + bz)},
   * {@code n = tanh(x Wn + bn + r * (h Rn))}, {@code h' = (1 - z) * n + z * h}, from {@code h = 0}.
   * Returns the hidden state after each step, {@code [batch, units]} each.
   */
  private static SDVariable[] gru(SameDiff sd, SplittableRandom random, String name, SDVariable x, int steps, int in,
      int units) {
    SDVariable[] w = new SDVariable[3];
    SDVariable[] r = new SDVariable[3];
    SDVariable[] b = new SDVariable[3];
    String[] gate = {"r", "z", "n"};
    for (int g = 0; g < 3; g++) {
      w[g] = sd.var(name + "_w" + gate[g], xavier(random, in, units));
    }
    for (int g = 0; g < 3; g++) {
      r[g] = sd.var(name + "_r" + gate[g], xavier(random, units, units));
    }
    for (int g = 0; g < 3; g++) {
      b[g] = sd.var(name + "_b" + gate[g], Nd4j.zeros(DataType.FLOAT, units));
    }
    SDVariable[] states = new SDVariable[steps];
    SDVariable h = null;
    for (int t = 0; t < steps; t++) {
      SDVariable xt = sd.reshape(sd.slice(x, new int[] {t, 0, 0}, new int[] {1, -1, -1}), -1, in);
      SDVariable[] pre = new SDVariable[3];
      for (int g = 0; g < 3; g++) {
        pre[g] = sd.nn().biasAdd(xt.mmul(w[g]), b[g], true);
      }
      SDVariable next;
      if (h == null) {
        // h = 0: r * (h Rn) and z * h vanish
        SDVariable z = sd.nn().sigmoid(pre[1]);
        next = z.rsub(1.0).mul(sd.math().tanh(pre[2]));
      } else {
        SDVariable rg = sd.nn().sigmoid(pre[0].add(h.mmul(r[0])));
        SDVariable z = sd.nn().sigmoid(pre[1].add(h.mmul(r[1])));
        SDVariable n = sd.math().tanh(pre[2].add(rg.mul(h.mmul(r[2]))));
        next = z.rsub(1.0).mul(n).add(z.mul(h));
      }
      states[t] = next;
      h = next;
    }
    return states;
  }

  private static INDArray xavier(SplittableRandom random, int in, int out) {
    float[] values = new float[in * out];
    double bound = Math.sqrt(6.0 / (in + out));
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return Nd4j.create(values, new long[] {in, out}, 'c');
  }

  /** The graph. */
  public SameDiff graph() {
    return graph;
  }

  /** The shape it was built with. */
  public RecurrentArchitecture shape() {
    return shape;
  }

  /** Trainable parameters: input and recurrent weights and biases of each layer, the output layer. */
  public long parameterCount() {
    return parameterCount;
  }

  /** The feature placeholders in order: the input, then each layer's mask. */
  public List<String> featurePlaceholders() {
    List<String> names = new ArrayList<>();
    names.add(INPUT);
    for (int layer = 0; layer < shape.layers(); layer++) {
      names.add(mask(layer));
    }
    return names;
  }
}
