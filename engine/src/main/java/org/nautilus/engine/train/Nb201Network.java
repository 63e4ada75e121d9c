package org.nautilus.engine.train;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The NAS-Bench-201 macro network for one {@link Nb201Cell}, as a pair of ND4J {@link SameDiff}
 * graphs (NCHW, float32) sharing one set of weight arrays: {@link #trainGraph()} for SGD steps and
 * {@link #evalGraph()} for inference.
 *
 * <pre>
 * stem:    conv3x3(C) -&gt; BN
 * stage 1: N cells at C channels
 * reduce:  residual block C -&gt; 2C, stride 2
 * stage 2: N cells at 2C channels
 * reduce:  residual block 2C -&gt; 4C, stride 2
 * stage 3: N cells at 4C channels
 * head:    BN -&gt; ReLU -&gt; global average pool -&gt; linear(numClasses)
 * </pre>
 *
 * <p>A cell computes node j = sum over i &lt; j of op(j&lt;-i)(node i) and outputs node 3. Ops:
 * {@code none} contributes nothing, {@code skip_connect} is the identity,
 * {@code nor_conv_kxk} is ReLU -&gt; conv (same padding, no bias) -&gt; BN, {@code avg_pool_3x3} is
 * a 3x3 average pool, stride 1, same padding, not counting the padding (as NAS-Bench-201's
 * {@code count_include_pad=False}). The residual block is NAS-Bench-201's
 * {@code ResNetBasicblock}: ReLU-conv3x3(stride 2)-BN -&gt; ReLU-conv3x3-BN, plus a shortcut of
 * 2x2 average pooling (stride 2) and a 1x1 conv, summed.
 *
 * <p><b>Dead code is not built.</b> A node whose inputs are all {@code none} (or all come from such
 * nodes) is zero, and so is any op applied to it; edges that cannot reach node 3 are dropped. So
 * {@link #parameterCount()} counts only live parameters (NAS-Bench-201's own count includes dead
 * ops). PyTorch would give a conv op on an all-zero node the constant output {@code beta} of its
 * BN; here it is exactly zero. A cell whose node 3 is zero outputs {@code 0 * input}, which keeps the
 * graph connected (all gradients defined, zero) and the loss finite; such a network can only learn
 * the class prior.
 *
 * <p><b>Batch norm.</b> Training uses batch statistics with gradients through them; evaluation uses
 * running statistics, so it is deterministic and independent of how images are batched. The
 * trainer sets the running statistics after each epoch from the batch statistics of a fixed set of
 * training images ("precise BN", see {@code SameDiffTrainingRun}). SameDiff's fused
 * {@code batchNorm} op cannot be differentiated in ND4J 1.0.0-M2.1 (its gradient op is built
 * without the axis after the graph is cloned for backprop, "Invalid axis argument", and then
 * rejects its own six inputs), so the training graph composes batch norm from ops whose gradients
 * are both correct (checked against finite differences) and fast there:
 * {@code [mean, var] = moments(x)} over (N, H, W), {@code scale = gamma / sqrt(var + 1e-5)},
 * {@code shift = beta - mean * scale}, and {@code y = biasAdd(x * biasAdd(zerosLike(x), scale),
 * shift)}; a broadcast multiply {@code x * scale} would be correct too, but its gradient runs 20-40x
 * slower than these same-shape ops. The evaluation graph uses the fused op, forward only, on the
 * running statistics. ReLU in the training graph is {@code x * step(x)}, whose gradient is about 2x
 * faster than that of SameDiff's {@code relu}; the evaluation graph uses {@code relu}.
 *
 * <p>Weights are drawn from a {@link SplittableRandom} seeded by the caller, never from ND4J's
 * global generator, so the same cell, shape and seed give bit-identical initial weights. Instances
 * are not thread-safe: one thread builds, trains and evaluates a network.
 */
public final class Nb201Network implements ImageNetwork {
  /** Placeholder for a minibatch of images, {@code [batch, channels, rows, cols]}. */
  public static final String INPUT = "input";
  /** Placeholder (training graph) for one-hot labels, {@code [batch, classes]}. */
  public static final String LABELS = "labels";
  /** Output: unnormalised class scores, {@code [batch, classes]}. */
  public static final String LOGITS = "logits";
  /** Output (training graph): mean softmax cross-entropy over the minibatch. */
  public static final String LOSS = "loss";

  static final double BN_EPSILON = GraphBuilder.BN_EPSILON;

  private final SameDiff trainGraph;
  private final SameDiff evalGraph;
  private final List<BatchNormSite> batchNorms;
  private final long parameterCount;
  private final int numClasses;

  private Nb201Network(SameDiff trainGraph, SameDiff evalGraph, List<BatchNormSite> batchNorms, int numClasses) {
    this.trainGraph = trainGraph;
    this.evalGraph = evalGraph;
    this.batchNorms = Collections.unmodifiableList(batchNorms);
    this.numClasses = numClasses;
    long count = 0;
    for (SDVariable v : trainGraph.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE) {
        count += v.getArr().length();
      }
    }
    this.parameterCount = count;
  }

  /**
   * Null if every op of {@code cell} has an implementation here (the five built-in ops), else the message
   * naming the first op that has none (a custom op, {@link Nb201Op#custom}).
   */
  static String unsupported(Nb201Cell cell) {
    for (Nb201Op op : cell.edges()) {
      if (!op.isBuiltIn()) {
        return unsupported(op);
      }
    }
    return null;
  }

  private static String unsupported(Nb201Op op) {
    return "op '" + op.label() + "' has no implementation in the SameDiff trainer; use a tabular or process trainer";
  }

  /**
   * Builds the network for {@code cell} with {@code channels} (C) channels in the first stage and
   * {@code cellsPerStage} (N) cells per stage, for {@code inChannels x rows x cols} images and
   * {@code numClasses} classes; weights are drawn from {@code seed}.
   */
  public static Nb201Network build(Nb201Cell cell, int channels, int cellsPerStage, int inChannels, int rows,
      int cols, int numClasses, long seed) {
    Objects.requireNonNull(cell, "cell");
    String unsupported = unsupported(cell);
    if (unsupported != null) {
      throw new IllegalArgumentException(unsupported);
    }
    if (channels < 1 || cellsPerStage < 1 || inChannels < 1 || rows < 4 || cols < 4 || numClasses < 2) {
      throw new IllegalArgumentException("bad network shape: channels " + channels + ", cellsPerStage "
          + cellsPerStage + ", input " + inChannels + "x" + rows + "x" + cols + ", classes " + numClasses);
    }
    Builder train = new Builder(new SplittableRandom(seed), null);
    train.build(cell, channels, cellsPerStage, inChannels, rows, cols, numClasses);
    Builder eval = new Builder(null, train);
    eval.build(cell, channels, cellsPerStage, inChannels, rows, cols, numClasses);
    return new Nb201Network(train.sd, eval.sd, train.batchNorms, numClasses);
  }

  /**
   * The training graph: placeholders {@link #INPUT} and {@link #LABELS}, outputs {@link #LOGITS}
   * and {@link #LOSS} (its loss variable); batch norm on batch statistics.
   */
  @Override
  public SameDiff trainGraph() {
    return trainGraph;
  }

  /**
   * The evaluation graph: placeholder {@link #INPUT}, output {@link #LOGITS}; batch norm on running
   * statistics. Shares its weight arrays with {@link #trainGraph()}.
   */
  @Override
  public SameDiff evalGraph() {
    return evalGraph;
  }

  /** Number of trainable (live) parameters: conv and linear weights, linear bias, BN gamma and beta. */
  @Override
  public long parameterCount() {
    return parameterCount;
  }

  /** Number of output classes. */
  public int numClasses() {
    return numClasses;
  }

  /** The batch-norm sites, in graph order. */
  @Override
  public List<BatchNormSite> batchNorms() {
    return batchNorms;
  }

  /** Builds one of the two graphs; the evaluation builder reuses the training builder's arrays. */
  private static final class Builder extends GraphBuilder {
    Builder(SplittableRandom random, Builder shared) {
      super(random, shared);
    }

    void build(Nb201Cell cell, int c, int n, int inChannels, int rows, int cols, int numClasses) {
      SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, inChannels, rows, cols);
      SDVariable x = batchNorm("stem_bn", conv("stem_conv", input, inChannels, c, 3, 1), c);
      int channels = c;
      for (int stage = 1; stage <= 3; stage++) {
        if (stage > 1) {
          x = reduction("s" + stage + "_reduce", x, channels, channels * 2);
          channels *= 2;
        }
        for (int i = 1; i <= n; i++) {
          x = cell("s" + stage + "_c" + i, x, cell, channels);
        }
      }
      x = relu("head_relu", batchNorm("head_bn", x, channels));
      SDVariable pooled = sd.mean("gap", x, 2, 3);
      int features = channels;
      SDVariable weights = param("head_w", () -> uniform(1.0 / Math.sqrt(features), features, numClasses));
      SDVariable bias = param("head_b", () -> uniform(1.0 / Math.sqrt(features), numClasses));
      SDVariable logits = sd.nn().biasAdd(LOGITS, pooled.mmul(weights), bias, true);
      if (training) {
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, numClasses);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null);
        sd.setLossVariables(LOSS);
      }
    }

    /** One cell; dead nodes are null (zero) and not built. */
    private SDVariable cell(String name, SDVariable input, Nb201Cell cell, int channels) {
      boolean[] live = new boolean[Nb201Cell.NODES];
      live[Nb201Cell.NODES - 1] = true;
      for (int target = Nb201Cell.NODES - 1; target >= 1; target--) {
        for (int source = 0; source < target; source++) {
          if (live[target] && cell.op(target, source) != Nb201Op.NONE) {
            live[source] = true;
          }
        }
      }
      SDVariable[] nodes = new SDVariable[Nb201Cell.NODES];
      nodes[0] = input;
      for (int target = 1; target < Nb201Cell.NODES; target++) {
        if (!live[target]) {
          continue;
        }
        SDVariable sum = null;
        for (int source = 0; source < target; source++) {
          SDVariable term = edge(name + "_e" + target + source, nodes[source], cell.op(target, source), channels);
          if (term != null) {
            sum = sum == null ? term : sum.add(term);
          }
        }
        nodes[target] = sum;
      }
      SDVariable output = nodes[Nb201Cell.NODES - 1];
      return output != null ? output : input.mul(name + "_zero", 0.0);
    }

    private SDVariable edge(String name, SDVariable x, Nb201Op op, int channels) {
      if (x == null) {
        return null;
      }
      if (op == Nb201Op.NONE) {
        return null;
      }
      if (op == Nb201Op.SKIP_CONNECT) {
        return x;
      }
      if (op == Nb201Op.NOR_CONV_1X1) {
        return reluConvBn(name, x, channels, channels, 1, 1);
      }
      if (op == Nb201Op.NOR_CONV_3X3) {
        return reluConvBn(name, x, channels, channels, 3, 1);
      }
      if (op == Nb201Op.AVG_POOL_3X3) {
        return avgPool3x3(name + "_pool", x, 1);
      }
      throw new IllegalArgumentException(unsupported(op));
    }

    private SDVariable reduction(String name, SDVariable x, int in, int out) {
      SDVariable a = reluConvBn(name + "_a", x, in, out, 3, 2);
      SDVariable b = reluConvBn(name + "_b", a, out, out, 3, 1);
      SDVariable pooled = sd.cnn().avgPooling2d(name + "_pool", x, Pooling2DConfig.builder()
          .kH(2).kW(2).sH(2).sW(2).pH(0).pW(0).dH(1).dW(1)
          .paddingMode(PaddingMode.VALID).divisor(Pooling2D.Divisor.INCLUDE_PADDING).isNHWC(false).build());
      SDVariable shortcut = conv(name + "_short", pooled, in, out, 1, 1);
      return shortcut.add(name + "_sum", b);
    }

    private SDVariable reluConvBn(String name, SDVariable x, int in, int out, int kernel, int stride) {
      return batchNorm(name + "_bn", conv(name + "_conv", relu(name + "_relu", x), in, out, kernel, stride), out);
    }

  }
}
