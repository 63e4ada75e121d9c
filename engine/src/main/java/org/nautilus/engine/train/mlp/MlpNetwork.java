package org.nautilus.engine.train.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multi-layer perceptron as one ND4J SameDiff graph (float32): {@code layers} dense layers of
 * {@code units} with the activation and inverted dropout, then a linear output, softmax
 * cross-entropy for classification or mean squared error for regression.
 *
 * <p>Dropout masks are placeholders ({@link #mask(int)}, already scaled by {@code 1 / (1 - p)}) that
 * the trainer fills from its own seeded generator, and fills with ones for evaluation: ND4J's dropout
 * op draws from the global native generator, which a checkpoint cannot capture and concurrent
 * trainers share. Weights are He-normal (ReLU family) or Xavier-uniform (tanh, sigmoid), biases zero,
 * drawn from a {@link SplittableRandom} seeded by the caller.
 */
public final class MlpNetwork {
  /** Placeholder for features, {@code [batch, features]}. */
  public static final String INPUT = "input";
  /** Placeholder for targets: one-hot {@code [batch, classes]} or {@code [batch, 1]}. */
  public static final String LABELS = "labels";
  /** Output: class scores (logits) or the predicted value. */
  public static final String OUTPUT = "output";
  /** The loss variable. */
  public static final String LOSS = "loss";

  private final SameDiff graph;
  private final int hiddenLayers;
  private final int units;
  private final long parameterCount;

  private MlpNetwork(SameDiff graph, int hiddenLayers, int units, long parameterCount) {
    this.graph = graph;
    this.hiddenLayers = hiddenLayers;
    this.units = units;
    this.parameterCount = parameterCount;
  }

  /** Placeholder name of hidden layer {@code layer}'s dropout mask, {@code [batch, units]}. */
  public static String mask(int layer) {
    return "mask_" + layer;
  }

  /**
   * Builds the network for {@code inputs} features and {@code outputs} outputs (classes, or 1 for
   * regression).
   */
  public static MlpNetwork build(MlpArchitecture shape, int inputs, int outputs, boolean classification, long seed) {
    if (inputs < 1 || outputs < 1) {
      throw new IllegalArgumentException("bad MLP shape: " + inputs + " inputs, " + outputs + " outputs");
    }
    SplittableRandom random = new SplittableRandom(seed);
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, inputs);
    int width = inputs;
    long params = 0;
    for (int layer = 0; layer < shape.layers(); layer++) {
      SDVariable w = sd.var("w" + layer, init(random, shape.activation(), width, shape.units()));
      SDVariable b = sd.var("b" + layer, Nd4j.zeros(DataType.FLOAT, shape.units()));
      params += (long) width * shape.units() + shape.units();
      SDVariable z = sd.nn().biasAdd(x.mmul(w), b, true);
      SDVariable mask = sd.placeHolder(mask(layer), DataType.FLOAT, -1, shape.units());
      x = activate(sd, shape.activation(), z).mul("h" + layer, mask);
      width = shape.units();
    }
    SDVariable w = sd.var("w_out", init(random, Activation.SIGMOID, width, outputs));
    SDVariable b = sd.var("b_out", Nd4j.zeros(DataType.FLOAT, outputs));
    params += (long) width * outputs + outputs;
    SDVariable out = sd.nn().biasAdd(OUTPUT, x.mmul(w), b, true);
    SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, outputs);
    if (classification) {
      sd.loss().softmaxCrossEntropy(LOSS, labels, out, null);
    } else {
      sd.loss().meanSquaredError(LOSS, labels, out, null);
    }
    sd.setLossVariables(LOSS);
    return new MlpNetwork(sd, shape.layers(), shape.units(), params);
  }

  private static SDVariable activate(SameDiff sd, Activation activation, SDVariable z) {
    switch (activation) {
      case RELU:
        return sd.nn().relu(z, 0);
      case LEAKY_RELU:
        return sd.nn().leakyRelu(z, 0.01);
      case ELU:
        return sd.nn().elu(z);
      case TANH:
        return sd.math().tanh(z);
      case SIGMOID:
        return sd.nn().sigmoid(z);
      default:
        throw new IllegalArgumentException("unknown activation " + activation);
    }
  }

  /** He-normal for rectifiers, Xavier-uniform otherwise. */
  private static INDArray init(SplittableRandom random, Activation activation, int in, int out) {
    float[] values = new float[in * out];
    if (activation.rectifier()) {
      double std = Math.sqrt(2.0 / in);
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
    } else {
      double bound = Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
    return Nd4j.create(values, new long[] {in, out}, 'c');
  }

  /** The graph. */
  public SameDiff graph() {
    return graph;
  }

  /** Number of hidden layers (and dropout masks). */
  public int hiddenLayers() {
    return hiddenLayers;
  }

  /** Units per hidden layer. */
  public int units() {
    return units;
  }

  /** Trainable parameters: weights and biases. */
  public long parameterCount() {
    return parameterCount;
  }

  /** The feature placeholders in order: the input, then each layer's mask. */
  List<String> featurePlaceholders() {
    List<String> names = new ArrayList<>();
    names.add(INPUT);
    for (int layer = 0; layer < hiddenLayers; layer++) {
      names.add(mask(layer));
    }
    return names;
  }
}
