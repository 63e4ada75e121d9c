package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.nas.space.DartsCell;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each DARTS op, in a genotype made only of it (one node per cell reading both inputs), in a tiny
 * network of three cells (normal, reduction, reduction; C=2, 8x8 images, batch 4): the op's output shape
 * at stride 1 (normal cell) and stride 2 (reduction cell), and the training graph's gradients against
 * central finite differences of the loss, as {@link Nb201OpGradientTest} does.
 */
class DartsOpGradientTest {
  private static final int BATCH = 4;
  private static final int C = 2;
  private static final int SIDE = 8;
  private static final int CLASSES = 3;
  /** As in {@link Nb201OpGradientTest}: ReLU and max-pool kinks spoil some perturbations, not all three. */
  private static final float[] EPS = {1e-3f, 3e-4f, 1e-4f};

  /**
   * Images from this seed. With seed 5 the max-pool network has a max switch within 1e-4 of
   * {@code c0_pre0_conv_w[0]}: finite differences 0.0195, 0.0185, 0.0173 at the three perturbations,
   * closing in on backprop's 0.0154; with seeds 1-4 and 6 all checked elements agree (probed by hand).
   */
  private static final long INPUT_SEED = 6;

  private static Map<String, INDArray> batch() {
    SplittableRandom random = new SplittableRandom(INPUT_SEED);
    float[] pixels = new float[BATCH * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    float[] labels = new float[BATCH * CLASSES];
    for (int i = 0; i < BATCH; i++) {
      labels[i * CLASSES + i % CLASSES] = 1f;
    }
    return Map.of(ImageNetwork.INPUT, Nd4j.create(pixels, new long[] {BATCH, 1, SIDE, SIDE}, 'c'),
        ImageNetwork.LABELS, Nd4j.create(labels, new long[] {BATCH, CLASSES}, 'c'));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5", "max_pool_3x3",
      "avg_pool_3x3", "skip_connect"})
  void outputShapeAndGradientsMatchFiniteDifferences(String op) {
    DartsCell cell = DartsCell.parse("normal=[" + op + "~0," + op + "~1]+reduce=[" + op + "~0," + op + "~1]");
    DartsNetwork net = DartsNetwork.build(cell, C, 3, 1, SIDE, SIDE, CLASSES, 0, 3);
    SameDiff sd = net.trainGraph();
    Map<String, INDArray> inputs = batch();
    String suffix = op.startsWith("sep") ? "_b_bn" : op.startsWith("dil") ? "_a_bn" : op.endsWith("pool_3x3")
        ? "_pool" : null;
    String normal = suffix == null ? null : "c0_n0_e0" + suffix;
    String reduced = "c1_n0_e0" + (suffix == null ? "_fr_bn" : suffix);
    for (String name : normal == null ? List.of(reduced) : List.of(normal, reduced)) {
      INDArray out = sd.output(Map.of(ImageNetwork.INPUT, inputs.get(ImageNetwork.INPUT)), name).get(name);
      long[] expected = name.startsWith("c0") ? new long[] {BATCH, C, SIDE, SIDE}
          : new long[] {BATCH, 2 * C, SIDE / 2, SIDE / 2};
      assertArrayEquals(expected, out.shape(), op + ": " + name);
    }
    boolean conv = suffix != null && suffix.contains("bn");
    List<String> params = new java.util.ArrayList<>(conv
        ? List.of("c0_n0_e0_a_dw_w", "c0_n0_e0_a_pw_w", "c0_n0_e0_a_bn_gamma", "c1_n0_e1_a_dw_w", "stem_conv_w")
        : suffix == null
            ? List.of("c1_n0_e0_fr_conv1_w", "c1_n0_e0_fr_conv2_w", "c1_n0_e0_fr_bn_beta", "c0_pre0_conv_w")
            : List.of("c0_pre0_conv_w", "c1_pre1_conv_w", "stem_conv_w", "head_w"));
    if (op.startsWith("sep")) {
      params.add("c1_n0_e0_b_pw_w");
    }
    Map<String, INDArray> gradients = QuietStdout.run(() -> sd.calculateGradients(inputs, params.toArray(new String[0])));
    for (String name : params) {
      INDArray w = sd.getArrForVarName(name);
      INDArray g = gradients.get(name);
      assertArrayEquals(w.shape(), g.shape(), name);
      long n = w.length();
      for (long i : new long[] {0, n - 1}) {
        double analytic = g.getDouble(i);
        StringBuilder tried = new StringBuilder();
        boolean agrees = false;
        for (int e = 0; e < EPS.length && !agrees; e++) {
          float eps = EPS[e];
          float original = w.getFloat(i);
          w.putScalar(i, original + eps);
          double plus = loss(sd, inputs);
          w.putScalar(i, original - eps);
          double minus = loss(sd, inputs);
          w.putScalar(i, original);
          double numeric = (plus - minus) / (2 * eps);
          tried.append(' ').append(numeric).append(" (eps ").append(eps).append(')');
          agrees |= Math.abs(numeric - analytic) <= 0.03 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 5e-4;
        }
        assertTrue(agrees, op + ": d loss / d " + name + "[" + i + "] is " + analytic + " by backprop," + tried
            + " by finite differences");
      }
    }
  }

  /** A dilated depthwise conv moves an impulse to the kernel's taps, two pixels apart, unflipped (cross-correlation). */
  @Test
  void dilatedDepthwiseConvPlacesTheTapsTwoPixelsApart() {
    GraphBuilder b = new GraphBuilder(new SplittableRandom(1), null) {};
    SDVariable x = b.sd.placeHolder("x", DataType.FLOAT, 1, 1, 7, 7);
    SDVariable y = b.depthwise("dw", x, 1, 3, 1, 2);
    INDArray impulse = Nd4j.zeros(DataType.FLOAT, 1, 1, 7, 7);
    impulse.putScalar(new long[] {0, 0, 3, 3}, 1f);
    INDArray out = b.sd.output(Map.of("x", impulse), y.name()).get(y.name());
    INDArray w = b.sd.getArrForVarName("dw_w");

    assertArrayEquals(new long[] {1, 1, 7, 7}, out.shape());
    double total = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(w.getFloat(i, j, 0, 0), out.getFloat(0, 0, 3 - 2 * (i - 1), 3 - 2 * (j - 1)), 1e-6,
            "tap " + i + "," + j);
        total += Math.abs(w.getFloat(i, j, 0, 0));
      }
    }
    assertEquals(total, org.nd4j.linalg.ops.transforms.Transforms.abs(out, true).sumNumber().doubleValue(), 1e-5, "nothing anywhere else");
  }

  /** PyTorch's padding=1 at stride 2: average pooling does not count the padding, max pooling never picks it. */
  @Test
  void stridedPoolingPadsLikePyTorch() {
    GraphBuilder b = new GraphBuilder(new SplittableRandom(1), null) {};
    SDVariable x = b.sd.placeHolder("x", DataType.FLOAT, 1, 1, 5, 5);
    SDVariable avg = b.avgPool3x3("avg", x, 2);
    SDVariable max = b.maxPool3x3("max", x, 2);
    INDArray ramp = Nd4j.arange(25).castTo(DataType.FLOAT).reshape(1, 1, 5, 5).neg();
    Map<String, INDArray> out = b.sd.output(Map.of("x", ramp), "avg", "max");

    assertArrayEquals(new long[] {1, 1, 3, 3}, out.get("avg").shape());
    // windows centred on rows/cols 0, 2, 4; value at (r, c) is -(5r + c)
    assertEquals(-(0 + 1 + 5 + 6) / 4.0, out.get("avg").getDouble(0, 0, 0, 0), 1e-5);
    assertEquals(-(6 + 7 + 8 + 11 + 12 + 13 + 16 + 17 + 18) / 9.0, out.get("avg").getDouble(0, 0, 1, 1), 1e-5);
    assertEquals(-0.0, out.get("max").getDouble(0, 0, 0, 0), 1e-6);
    assertEquals(-6.0, out.get("max").getDouble(0, 0, 1, 1), 1e-6);
    assertEquals(-18.0, out.get("max").getDouble(0, 0, 2, 2), 1e-6, "all-negative window: padding is not a 0");
  }

  private static double loss(SameDiff sd, Map<String, INDArray> inputs) {
    return sd.output(inputs, ImageNetwork.LOSS).get(ImageNetwork.LOSS).castTo(DataType.DOUBLE).getDouble(0);
  }
}
