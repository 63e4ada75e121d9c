package org.nautilus.engine.train;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.DartsNode;
import org.nautilus.nas.space.DartsOp;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DARTS evaluation network (DARTS's {@code NetworkCIFAR}, without the auxiliary head and drop-path)
 * for one {@link DartsCell} genotype, as a pair of ND4J {@link SameDiff} graphs (NCHW, float32) sharing
 * one set of weight arrays, built from the same blocks as {@link Nb201Network} (see there for batch norm,
 * ReLU and the evaluation graph).
 *
 * <pre>
 * stem:   conv3x3(3C) -&gt; BN
 * cells:  L cells; cells L/3 and 2L/3 (integer division) are reduction cells, each doubling the channels
 *         (C, then 2C, then 4C) and halving the resolution; the others are normal cells
 * head:   global average pool -&gt; dropout -&gt; linear(numClasses)
 * </pre>
 *
 * <p><b>Cells.</b> Cell k at C_k channels reads s0 and s1, the outputs of cells k-2 and k-1 (the stem's
 * output standing in for missing ones), through preprocessing: {@code ReLU-conv1x1(C_k)-BN} of s1, and of
 * s0 the same, or a factorized reduce to C_k when cell k-1 was a reduction cell (so that s0 has the
 * resolution of s1). Its intermediate node j is {@code opA(state[inputA]) + opB(state[inputB])} over the
 * states {@code [s0', s1', node 0, node 1, ...]}, as {@link DartsNode} numbers them; the cell outputs all
 * its intermediate nodes concatenated along channels ({@code nodes * C_k} channels). In a reduction cell,
 * ops on the two inputs (states 0 and 1) have stride 2, ops on intermediate nodes stride 1.
 *
 * <p><b>Ops</b> (C channels in and out; DARTS's {@code operations.py}): {@code sep_conv_kxk} is
 * {@code ReLU, depthwise kxk (stride), pointwise 1x1, BN, ReLU, depthwise kxk, pointwise 1x1, BN};
 * {@code dil_conv_kxk} is {@code ReLU, depthwise kxk with dilation 2 (stride), pointwise 1x1, BN};
 * {@code max_pool_3x3} and {@code avg_pool_3x3} pool 3x3 windows with padding 1 (average: padding not
 * counted); {@code skip_connect} is the identity at stride 1 and a factorized reduce at stride 2;
 * {@code none} is zero. The factorized reduce is {@code ReLU}, then two 1x1 convs of stride 2 to C/2
 * channels each (C - C/2 for the second), one on x and one on x shifted by one pixel up and left,
 * concatenated, then BN; the shifted copy is padded back to x's size with zeros at the bottom and right,
 * which changes nothing for even sides (the padding is never read) and makes odd sides work (DARTS's
 * own version fails there), e.g. 28x28 images: 28, 14, 7.
 *
 * <p><b>Dead code is not built</b>, as in {@link Nb201Network}: {@code none} edges and ops on zero
 * states contribute nothing, a node whose two terms are both zero is zero (its channels in the
 * concatenation are {@code 0 * } another node of the cell), and a cell or preprocessing whose output no
 * live op reads is not built. So {@link #parameterCount()} counts live parameters only; DARTS's count
 * includes unread preprocessing. A network whose last cell is zero outputs only the classifier's bias.
 *
 * <p><b>Dropout</b> before the classifier is inverted dropout whose mask (already scaled by
 * {@code 1 / (1 - p)}) is the placeholder {@link #DROPOUT_MASK} of the training graph, filled by the trainer
 * from its own seeded generator ({@link #stepInputs}); ND4J's dropout op draws from the global native
 * generator, which a checkpoint cannot capture.
 *
 * <p>Weights are drawn from a {@link SplittableRandom} seeded by the caller: He-normal convolutions,
 * uniform(+-1/sqrt(fan-in)) classifier, BN gamma 1 and beta 0.
 */
public final class DartsNetwork implements ImageNetwork {
  /** Placeholder (training graph, only when dropout &gt; 0) for the classifier's dropout mask. */
  public static final String DROPOUT_MASK = "dropout_mask";
  /** DARTS's stem multiplier: the stem has {@code 3C} channels. */
  public static final int STEM_MULTIPLIER = 3;

  private final SameDiff trainGraph;
  private final SameDiff evalGraph;
  private final List<BatchNormSite> batchNorms;
  private final long parameterCount;
  private final int features;
  private final double dropout;

  private DartsNetwork(SameDiff trainGraph, SameDiff evalGraph, List<BatchNormSite> batchNorms, int features,
      double dropout) {
    this.trainGraph = trainGraph;
    this.evalGraph = evalGraph;
    this.batchNorms = Collections.unmodifiableList(batchNorms);
    this.features = features;
    this.dropout = dropout;
    long count = 0;
    for (SDVariable v : trainGraph.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE) {
        count += v.getArr().length();
      }
    }
    this.parameterCount = count;
  }

  /**
   * Null if every op of {@code cell} has an implementation here (the eight built-in ops), else the message
   * naming the first op that has none.
   */
  static String unsupported(DartsCell cell) {
    for (List<DartsNode> nodes : List.of(cell.normal(), cell.reduce())) {
      for (DartsNode node : nodes) {
        for (DartsOp op : List.of(node.opA(), node.opB())) {
          if (!op.isBuiltIn()) {
            return "op '" + op.label() + "' has no implementation in the SameDiff trainer; use a tabular or "
                + "process trainer";
          }
        }
      }
    }
    return null;
  }

  /** The reduction cells' indices among {@code layers} cells: DARTS's {@code layers/3} and {@code 2*layers/3}. */
  static boolean isReduction(int cell, int layers) {
    return cell == layers / 3 || cell == 2 * layers / 3;
  }

  /**
   * Builds the network for {@code cell} with {@code channels} (C) channels in the first stage and
   * {@code layers} cells in all, for {@code inChannels x rows x cols} images and {@code numClasses}
   * classes, with dropout probability {@code dropout} before the classifier; weights from {@code seed}.
   */
  public static DartsNetwork build(DartsCell cell, int channels, int layers, int inChannels, int rows, int cols,
      int numClasses, double dropout, long seed) {
    Objects.requireNonNull(cell, "cell");
    String unsupported = unsupported(cell);
    if (unsupported != null) {
      throw new IllegalArgumentException(unsupported);
    }
    if (channels < 1 || layers < 1 || layers > 256 || inChannels < 1 || rows < 4 || cols < 4 || numClasses < 2) {
      throw new IllegalArgumentException("bad network shape: channels " + channels + ", layers " + layers
          + ", input " + inChannels + "x" + rows + "x" + cols + ", classes " + numClasses);
    }
    if (!(dropout >= 0 && dropout <= 0.95)) {
      throw new IllegalArgumentException("hyperparameter dropout must be in [0, 0.95], got " + dropout);
    }
    Plan plan = new Plan(cell, layers);
    Builder train = new Builder(new SplittableRandom(seed), null, plan);
    int features = train.build(channels, inChannels, rows, cols, numClasses, dropout);
    Builder eval = new Builder(null, train, plan);
    eval.build(channels, inChannels, rows, cols, numClasses, 0);
    return new DartsNetwork(train.sd, eval.sd, train.batchNorms, features, dropout);
  }

  @Override
  public SameDiff trainGraph() {
    return trainGraph;
  }

  @Override
  public SameDiff evalGraph() {
    return evalGraph;
  }

  @Override
  public List<BatchNormSite> batchNorms() {
    return batchNorms;
  }

  /** Number of trainable (live) parameters: conv and linear weights, linear bias, BN gamma and beta. */
  @Override
  public long parameterCount() {
    return parameterCount;
  }

  /** Features entering the classifier: {@code nodes * 4C}, the last cell's channels. */
  public int features() {
    return features;
  }

  @Override
  public List<String> featurePlaceholders() {
    return dropout > 0 ? List.of(INPUT, DROPOUT_MASK) : List.of(INPUT);
  }

  /** The dropout mask for {@code batch} images, when dropout is on. */
  @Override
  public INDArray[] stepInputs(int batch, SplittableRandom random) {
    if (dropout == 0) {
      return new INDArray[0];
    }
    float[] mask = new float[batch * features];
    float kept = (float) (1 / (1 - dropout));
    for (int i = 0; i < mask.length; i++) {
      mask[i] = random.nextDouble() >= dropout ? kept : 0f;
    }
    return new INDArray[] {Nd4j.create(mask, new long[] {batch, features}, 'c')};
  }

  /**
   * Which states are zero and which cells and preprocessings are read, from the genotype alone: zeros
   * propagate forward (a node is zero when both its terms are), liveness backward from the last cell.
   */
  private static final class Plan {
    final DartsCell genotype;
    final int layers;
    /** Cell k's output is zero; index k + 2 (0 and 1 stand for the stem's output, never zero). */
    final boolean[] zeroOut;
    /** [k][j]: node j of cell k is zero. */
    final boolean[][] zeroNode;
    /** [k][i]: cell k reads its input i (0: s0, 1: s1) through a live op. */
    final boolean[][] reads;
    final boolean[] live;
    boolean stemLive;

    Plan(DartsCell genotype, int layers) {
      this.genotype = genotype;
      this.layers = layers;
      int nodes = genotype.nodes();
      zeroOut = new boolean[layers + 2];
      zeroNode = new boolean[layers][nodes];
      reads = new boolean[layers][2];
      live = new boolean[layers];
      for (int k = 0; k < layers; k++) {
        List<DartsNode> cell = nodes(k);
        boolean[] zeroState = new boolean[2 + nodes];
        zeroState[0] = zeroOut[k];
        zeroState[1] = zeroOut[k + 1];
        boolean allZero = true;
        for (int j = 0; j < nodes; j++) {
          DartsNode node = cell.get(j);
          boolean a = term(node.opA(), zeroState[node.inputA()]);
          boolean b = term(node.opB(), zeroState[node.inputB()]);
          zeroNode[k][j] = !a && !b;
          zeroState[2 + j] = zeroNode[k][j];
          allZero &= zeroNode[k][j];
          for (int input = 0; input < 2; input++) {
            reads[k][input] |= (node.inputA() == input && a) || (node.inputB() == input && b);
          }
        }
        zeroOut[k + 2] = allZero;
      }
      live[layers - 1] = !zeroOut[layers + 1];
      for (int k = layers - 1; k >= 0; k--) {
        if (!live[k]) {
          continue;
        }
        for (int input = 0; input < 2; input++) {
          int source = k - 2 + input;
          if (reads[k][input]) {
            if (source >= 0) {
              live[source] = true;
            } else {
              stemLive = true;
            }
          }
        }
      }
    }

    List<DartsNode> nodes(int k) {
      return isReduction(k, layers) ? genotype.reduce() : genotype.normal();
    }

    /** True if an op on a state contributes something. */
    private static boolean term(DartsOp op, boolean zeroSource) {
      return op != DartsOp.NONE && !zeroSource;
    }
  }

  /** Builds one of the two graphs; the evaluation builder reuses the training builder's arrays. */
  private static final class Builder extends GraphBuilder {
    private final Plan plan;

    Builder(SplittableRandom random, Builder shared, Plan plan) {
      super(random, shared);
      this.plan = plan;
    }

    /** Builds the graph; returns the classifier's input width. */
    int build(int c, int inChannels, int rows, int cols, int numClasses, double dropout) {
      SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, inChannels, rows, cols);
      int nodes = plan.genotype.nodes();
      SDVariable stem = null;
      if (plan.stemLive) {
        stem = batchNorm("stem_bn", conv("stem_conv", input, inChannels, STEM_MULTIPLIER * c, 3, 1),
            STEM_MULTIPLIER * c);
      }
      SDVariable s0 = stem;
      SDVariable s1 = stem;
      int[] sizePrevPrev = {rows, cols};
      int[] sizePrev = {rows, cols};
      int cPrevPrev = STEM_MULTIPLIER * c;
      int cPrev = STEM_MULTIPLIER * c;
      int cCurrent = c;
      boolean reductionPrev = false;
      for (int k = 0; k < plan.layers; k++) {
        boolean reduction = isReduction(k, plan.layers);
        if (reduction) {
          cCurrent *= 2;
        }
        SDVariable out = plan.live[k]
            ? cell("c" + k, k, s0, s1, cPrevPrev, cPrev, cCurrent, reduction, reductionPrev, sizePrevPrev, sizePrev)
            : null;
        s0 = s1;
        s1 = out;
        sizePrevPrev = sizePrev;
        sizePrev = reduction ? new int[] {(sizePrev[0] + 1) / 2, (sizePrev[1] + 1) / 2} : sizePrev;
        cPrevPrev = cPrev;
        cPrev = nodes * cCurrent;
        reductionPrev = reduction;
      }
      int features = cPrev;
      SDVariable pooled;
      if (s1 != null) {
        pooled = sd.mean("gap", s1, 2, 3);
      } else {
        // the last cell is zero: features of zeros, one row per image
        SDVariable perImage = sd.reshape(sd.mean(input, 1, 2, 3), -1, 1);
        pooled = perImage.mmul("gap", sd.constant("zero_features", Nd4j.zeros(DataType.FLOAT, 1, features)));
      }
      if (training && dropout > 0) {
        pooled = pooled.mul("dropout", sd.placeHolder(DROPOUT_MASK, DataType.FLOAT, -1, features));
      }
      SDVariable weights = param("head_w", () -> uniform(1.0 / Math.sqrt(features), features, numClasses));
      SDVariable bias = param("head_b", () -> uniform(1.0 / Math.sqrt(features), numClasses));
      SDVariable logits = sd.nn().biasAdd(LOGITS, pooled.mmul(weights), bias, true);
      if (training) {
        SDVariable labels = sd.placeHolder(LABELS, DataType.FLOAT, -1, numClasses);
        sd.loss().softmaxCrossEntropy(LOSS, labels, logits, null);
        sd.setLossVariables(LOSS);
      }
      return features;
    }

    private SDVariable cell(String name, int k, SDVariable s0, SDVariable s1, int cPrevPrev, int cPrev, int c,
        boolean reduction, boolean reductionPrev, int[] sizePrevPrev, int[] sizePrev) {
      List<DartsNode> nodes = plan.nodes(k);
      SDVariable[] states = new SDVariable[2 + nodes.size()];
      if (plan.reads[k][0]) {
        states[0] = reductionPrev ? factorizedReduce(name + "_pre0", s0, cPrevPrev, c, sizePrevPrev)
            : reluConvBn(name + "_pre0", s0, cPrevPrev, c);
      }
      if (plan.reads[k][1]) {
        states[1] = reluConvBn(name + "_pre1", s1, cPrev, c);
      }
      SDVariable someNode = null;
      for (int j = 0; j < nodes.size(); j++) {
        DartsNode node = nodes.get(j);
        String nodeName = name + "_n" + j;
        SDVariable a = edge(nodeName + "_e" + node.inputA(), states[node.inputA()], node.opA(), c,
            reduction && node.inputA() < 2 ? 2 : 1, sizePrev);
        SDVariable b = edge(nodeName + "_e" + node.inputB(), states[node.inputB()], node.opB(), c,
            reduction && node.inputB() < 2 ? 2 : 1, sizePrev);
        states[2 + j] = a == null ? b : b == null ? a : a.add(nodeName, b);
        if (states[2 + j] != null && someNode == null) {
          someNode = states[2 + j];
        }
      }
      SDVariable[] outputs = new SDVariable[nodes.size()];
      for (int j = 0; j < nodes.size(); j++) {
        outputs[j] = states[2 + j] != null ? states[2 + j] : someNode.mul(name + "_n" + j + "_zero", 0.0);
      }
      return outputs.length == 1 ? outputs[0] : sd.concat(name + "_out", 1, outputs);
    }

    /** The op's output, or null when it is zero. */
    private SDVariable edge(String name, SDVariable x, DartsOp op, int c, int stride, int[] size) {
      if (x == null || op == DartsOp.NONE) {
        return null;
      }
      if (op == DartsOp.SKIP_CONNECT) {
        return stride == 1 ? x : factorizedReduce(name + "_fr", x, c, c, size);
      }
      if (op == DartsOp.SEP_CONV_3X3 || op == DartsOp.SEP_CONV_5X5) {
        int kernel = op == DartsOp.SEP_CONV_3X3 ? 3 : 5;
        SDVariable half = reluDwPwBn(name + "_a", x, c, kernel, stride, 1);
        return reluDwPwBn(name + "_b", half, c, kernel, 1, 1);
      }
      if (op == DartsOp.DIL_CONV_3X3 || op == DartsOp.DIL_CONV_5X5) {
        return reluDwPwBn(name + "_a", x, c, op == DartsOp.DIL_CONV_3X3 ? 3 : 5, stride, 2);
      }
      if (op == DartsOp.MAX_POOL_3X3) {
        return maxPool3x3(name + "_pool", x, stride);
      }
      if (op == DartsOp.AVG_POOL_3X3) {
        return avgPool3x3(name + "_pool", x, stride);
      }
      throw new IllegalArgumentException("op '" + op.label() + "' has no implementation in the SameDiff trainer");
    }

    private SDVariable reluDwPwBn(String name, SDVariable x, int c, int kernel, int stride, int dilation) {
      SDVariable dw = depthwise(name + "_dw", relu(name + "_relu", x), c, kernel, stride, dilation);
      return batchNorm(name + "_bn", conv(name + "_pw", dw, c, c, 1, 1), c);
    }

    private SDVariable reluConvBn(String name, SDVariable x, int in, int out) {
      return batchNorm(name + "_bn", conv(name + "_conv", relu(name + "_relu", x), in, out, 1, 1), out);
    }

    /** ReLU, two stride-2 1x1 convs (of x, {@code size} rows by columns, and of x shifted by one pixel), concatenated, BN. */
    private SDVariable factorizedReduce(String name, SDVariable x, int in, int out, int[] size) {
      SDVariable r = relu(name + "_relu", x);
      SDVariable shifted = sd.nn().pad(name + "_shift",
          r.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(1, size[0]), SDIndex.interval(1, size[1])),
          sd.constant(name + "_padding", Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {0, 1}, {0, 1}})), 0.0);
      SDVariable a = conv(name + "_conv1", r, in, out / 2, 1, 2, 0);
      SDVariable b = conv(name + "_conv2", shifted, in, out - out / 2, 1, 2, 0);
      return batchNorm(name + "_bn", sd.concat(name + "_cat", 1, a, b), out);
    }
  }
}
