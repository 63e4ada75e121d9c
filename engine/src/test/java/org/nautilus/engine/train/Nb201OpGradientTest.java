package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.nas.space.Nb201Cell;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each NAS-Bench-201 op, in a cell made only of it: the op's output has its input's shape, and the
 * training graph's gradients (ND4J's backprop through the composed batch norm and ReLU) match
 * central finite differences of the loss on a tiny network (C=2, 8x8 images, batch 4).
 */
class Nb201OpGradientTest {
  private static final int BATCH = 4;
  private static final int CHANNELS = 2;
  private static final int SIDE = 8;
  private static final int CLASSES = 3;
  /**
   * Perturbations tried, largest first. The network is piecewise smooth: a ReLU kink inside
   * {@code [w - eps, w + eps]} spoils a central difference, and on this tiny network with few
   * activations per channel 1e-2 did so for most stage-1 weights (up to 3x off; the differences
   * converged to the backprop value as eps shrank to 1e-4). Float32 rounding of a loss near 1 adds
   * about 1e-7 / eps. An element passes if any of these agrees; a kink inside all three windows is
   * a seeded, reproducible exception, not a flaky one.
   */
  private static final float[] EPS = {1e-3f, 3e-4f, 1e-4f};

  private static Map<String, INDArray> batch() {
    SplittableRandom random = new SplittableRandom(5);
    float[] pixels = new float[BATCH * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    float[] labels = new float[BATCH * CLASSES];
    for (int i = 0; i < BATCH; i++) {
      labels[i * CLASSES + i % CLASSES] = 1f;
    }
    return Map.of(Nb201Network.INPUT, Nd4j.create(pixels, new long[] {BATCH, 1, SIDE, SIDE}, 'c'),
        Nb201Network.LABELS, Nd4j.create(labels, new long[] {BATCH, CLASSES}, 'c'));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3", "skip_connect"})
  void outputShapeAndGradientsMatchFiniteDifferences(String op) {
    String cell = "|" + op + "~0|+|" + op + "~0|" + op + "~1|+|" + op + "~0|" + op + "~1|" + op + "~2|";
    Nb201Network net = Nb201Network.build(Nb201Cell.parse(cell), CHANNELS, 1, 1, SIDE, SIDE, CLASSES, 3);
    var sd = net.trainGraph();
    Map<String, INDArray> inputs = batch();
    boolean conv = op.startsWith("nor_conv");
    if (!op.equals("skip_connect")) {
      String output = conv ? "s1_c1_e10_bn" : "s1_c1_e10_pool";
      INDArray out = sd.output(Map.of(Nb201Network.INPUT, inputs.get(Nb201Network.INPUT)), output).get(output);
      assertArrayEquals(new long[] {BATCH, CHANNELS, SIDE, SIDE}, out.shape(), op + " keeps the shape of its input");
    }
    // parameters whose gradient flows through the op: its own (convs), else the stem's below it
    List<String> params = conv
        ? List.of("s1_c1_e10_conv_w", "s1_c1_e10_bn_gamma", "s1_c1_e21_conv_w", "stem_conv_w")
        : List.of("stem_conv_w", "stem_bn_gamma", "head_w");
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

  private static double loss(org.nd4j.autodiff.samediff.SameDiff sd, Map<String, INDArray> inputs) {
    return sd.output(inputs, Nb201Network.LOSS).get(Nb201Network.LOSS).castTo(DataType.DOUBLE).getDouble(0);
  }
}
