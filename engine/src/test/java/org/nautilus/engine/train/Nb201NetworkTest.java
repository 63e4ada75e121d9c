package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.space.Nb201Cell;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nb201NetworkTest {
  /** Every op once, all edges live: node1 = conv3x3(n0); node2 = conv1x1(n0) + n1; node3 = pool(n0) + conv3x3(n2). */
  private static final String CELL =
      "|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|";

  @Test
  void parameterCountMatchesHandCount() {
    Nb201Network net = Nb201Network.build(Nb201Cell.parse(CELL), 4, 1, 1, 28, 28, 10, 7);

    // conv kxk from a to b channels: k*k*a*b weights (no bias); BN on b channels: 2b (gamma, beta).
    // One cell at c channels: conv3x3 (9c^2 + 2c) + conv1x1 (c^2 + 2c) + conv3x3 (9c^2 + 2c) = 19c^2 + 6c.
    // Reduction a -> b: conv3x3 s2 (9ab + 2b) + conv3x3 (9b^2 + 2b) + shortcut conv1x1 (ab).
    long stem = 9 * 1 * 4 + 2 * 4;                                  // 44
    long cells = cell(4) + cell(8) + cell(16);                      // 328 + 1264 + 4960
    long reductions = reduction(4, 8) + reduction(8, 16);           // 928 + 3648
    long head = 2 * 16 + 16 * 10 + 10;                              // BN + linear = 202
    assertEquals(11_374, stem + cells + reductions + head);
    assertEquals(11_374, net.parameterCount());
  }

  @Test
  void deadEdgesAreNotBuilt() {
    // node1 = conv(n0) feeds only node2, which is zero (its inputs are none); node3 = n0.
    Nb201Network net = Nb201Network.build(
        Nb201Cell.parse("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"), 4, 1, 1, 28, 28, 10, 7);

    assertEquals(9 * 4 + 8 + reduction(4, 8) + reduction(8, 16) + 2 * 16 + 170, net.parameterCount());
  }

  @Test
  void logitsHaveOneRowPerImage() {
    for (String cell : new String[] {CELL, "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"}) {
      Nb201Network net = Nb201Network.build(Nb201Cell.parse(cell), 4, 2, 1, 28, 28, 10, 7);
      INDArray input = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);

      INDArray logits = net.evalGraph().output(Map.of(Nb201Network.INPUT, input), Nb201Network.LOGITS)
          .get(Nb201Network.LOGITS);
      INDArray trainLogits = net.trainGraph().output(Map.of(Nb201Network.INPUT, input), Nb201Network.LOGITS)
          .get(Nb201Network.LOGITS);

      assertArrayEquals(new long[] {3, 10}, logits.shape(), cell);
      assertArrayEquals(new long[] {3, 10}, trainLogits.shape(), cell);
      assertTrue(Double.isFinite(logits.sumNumber().doubleValue()), cell);
      assertTrue(Double.isFinite(trainLogits.sumNumber().doubleValue()), cell);
    }
  }

  @Test
  void sameSeedSameWeights() {
    Nb201Network a = Nb201Network.build(Nb201Cell.parse(CELL), 4, 1, 1, 28, 28, 10, 11);
    Nb201Network b = Nb201Network.build(Nb201Cell.parse(CELL), 4, 1, 1, 28, 28, 10, 11);
    Nb201Network c = Nb201Network.build(Nb201Cell.parse(CELL), 4, 1, 1, 28, 28, 10, 12);

    INDArray wa = a.trainGraph().getArrForVarName("s1_c1_e10_conv_w");
    assertEquals(wa, b.trainGraph().getArrForVarName("s1_c1_e10_conv_w"));
    assertTrue(!wa.equals(c.trainGraph().getArrForVarName("s1_c1_e10_conv_w")));
    // the evaluation graph reads the very same arrays
    assertTrue(wa == a.evalGraph().getArrForVarName("s1_c1_e10_conv_w"));
  }

  private static long cell(long c) {
    return 19 * c * c + 6 * c;
  }

  private static long reduction(long a, long b) {
    return 9 * a * b + 2 * b + 9 * b * b + 2 * b + a * b;
  }
}
