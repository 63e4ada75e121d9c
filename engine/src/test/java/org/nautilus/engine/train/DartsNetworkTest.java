package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.data.ImageDataset;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.DartsSpace;
import org.nautilus.nas.space.ParamValue;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DartsNetworkTest {
  /** Every op but none: reduction-cell ops on inputs 0 and 1 have stride 2, those on node 0 stride 1. */
  private static final String GENOTYPE = "normal=[sep_conv_3x3~0,skip_connect~1|dil_conv_3x3~0,max_pool_3x3~2]"
      + "+reduce=[avg_pool_3x3~0,skip_connect~1|sep_conv_5x5~1,dil_conv_5x5~2]";

  @Test
  void parameterCountMatchesHandCount() {
    // C=2, 3 cells: 0 normal (C=2), 1 reduction (C=4), 2 reduction (C=8); 1 input channel, 10 classes.
    DartsNetwork net = DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0, 7);

    // conv kxk a->b: k*k*a*b; BN on b: 2b; depthwise kxk on c: k*k*c; factorized reduce a->b: a*b + 2b.
    long stem = 9 * 6 + 2 * 6;                                       // 3C = 6 channels: 66
    long cell0 = relConvBn(6, 2) + relConvBn(6, 2)                   // preprocessing of stem, stem
        + sep(3, 2) + dil(3, 2);                                     // skip and max pool: no weights; 110
    long cell1 = relConvBn(6, 4) + relConvBn(4, 4)                   // s0 = stem (6), s1 = cell 0 (2 nodes x 2)
        + factorizedReduce(4, 4) + sep(5, 4) + dil(5, 4);            // avg pool: none; 452
    long cell2 = factorizedReduce(4, 8) + relConvBn(8, 8)            // s0 = cell 0 (4, at 8x8), s1 = cell 1 (8)
        + factorizedReduce(8, 8) + sep(5, 8) + dil(5, 8);            // 1048
    long head = 16 * 10 + 10;                                        // 2 nodes x 8 channels -> 10 classes
    assertEquals(1846, stem + cell0 + cell1 + cell2 + head);
    assertEquals(1846, net.parameterCount());
    assertEquals(16, net.features());
  }

  private static long relConvBn(long a, long b) {
    return a * b + 2 * b;
  }

  private static long sep(long k, long c) {
    return 2 * (k * k * c + c * c + 2 * c);
  }

  private static long dil(long k, long c) {
    return k * k * c + c * c + 2 * c;
  }

  private static long factorizedReduce(long a, long b) {
    return a * b + 2 * b;
  }

  @Test
  void zeroCellsAndUnreadPreprocessingAreNotBuilt() {
    // every op none: the network is the classifier (1 node x 8 channels), and still gives one row per image
    DartsNetwork zero = DartsNetwork.build(DartsCell.parse("normal=[none~0,none~1]+reduce=[none~0,none~1]"), 2, 3, 1,
        8, 8, 10, 0, 7);
    assertEquals(8 * 10 + 10, zero.parameterCount());
    assertArrayEquals(new long[] {5, 10}, logits(zero.evalGraph(), 5, 8).shape());
    // only input 1 is read: no preprocessing of s0, so cell k never reads cell k-2 and nothing reads the stem twice
    DartsNetwork chain = DartsNetwork.build(DartsCell.parse("normal=[none~0,skip_connect~1]+reduce=[none~0,"
        + "avg_pool_3x3~1]"), 2, 3, 1, 8, 8, 10, 0, 7);
    long expected = 9 * 6 + 12 + relConvBn(6, 2) + relConvBn(2, 4) + relConvBn(4, 8) + 8 * 10 + 10;
    assertEquals(expected, chain.parameterCount());
  }

  @Test
  void logitsHaveOneRowPerImageAlsoOnOddSides() {
    // 10x10 -> 5x5 -> 3x3: factorized reduces on odd sides (skip_connect in the reductions, s0 of cell 2)
    for (String genotype : new String[] {GENOTYPE, "normal=[skip_connect~0,skip_connect~1]+reduce=[skip_connect~0,"
        + "max_pool_3x3~1]"}) {
      DartsNetwork net = DartsNetwork.build(DartsCell.parse(genotype), 2, 3, 1, 10, 10, 4, 0.3, 7);
      INDArray eval = logits(net.evalGraph(), 3, 10);
      assertArrayEquals(new long[] {3, 4}, eval.shape(), genotype);
      assertTrue(Double.isFinite(eval.sumNumber().doubleValue()), genotype);
      INDArray input = Nd4j.rand(DataType.FLOAT, 3, 1, 10, 10);
      INDArray mask = net.stepInputs(3, new java.util.SplittableRandom(1))[0];
      INDArray train = net.trainGraph().output(Map.of(ImageNetwork.INPUT, input, DartsNetwork.DROPOUT_MASK, mask),
          ImageNetwork.LOGITS).get(ImageNetwork.LOGITS);
      assertArrayEquals(new long[] {3, 4}, train.shape(), genotype);
    }
  }

  @Test
  void dropoutMasksDropAboutPAndScaleTheRest() {
    DartsNetwork net = DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0.25, 7);
    assertEquals(List.of(ImageNetwork.INPUT, DartsNetwork.DROPOUT_MASK), net.featurePlaceholders());
    float[] mask = net.stepInputs(500, new java.util.SplittableRandom(3))[0].data().asFloat();
    int zeros = 0;
    for (float m : mask) {
      assertTrue(m == 0f || Math.abs(m - 1 / 0.75f) < 1e-6, "mask value " + m);
      zeros += m == 0f ? 1 : 0;
    }
    assertEquals(0.25, (double) zeros / mask.length, 0.02, "8000 draws: 4 standard deviations are 0.019");
    assertEquals(List.of(ImageNetwork.INPUT),
        DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0, 7).featurePlaceholders());
  }

  @Test
  void badShapesAndCustomOpsAreRejectedNamingTheValue() {
    IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class,
        () -> DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 1.0, 7));
    assertEquals("hyperparameter dropout must be in [0, 0.95], got 1.0", dropout.getMessage());
    List<DartsOp> ops = new ArrayList<>(DartsOp.builtIns());
    ops.add(DartsOp.custom("my_op"));
    DartsCell custom = DartsSpace.of(1, ops).parse("normal=[my_op~0,none~1]+reduce=[none~0,none~1]");
    IllegalArgumentException op = assertThrows(IllegalArgumentException.class,
        () -> DartsNetwork.build(custom, 2, 3, 1, 8, 8, 10, 0, 7));
    assertEquals("op 'my_op' has no implementation in the SameDiff trainer; use a tabular or process trainer",
        op.getMessage());
  }

  /**
   * Through {@link SameDiffTrainer}: a tiny DARTS network (C=2, 3 cells of one node, dropout 0.2) learns
   * whether the bright bar of an 8x8 image is on the left or the right within three epochs.
   */
  @Test
  void aTinyDartsNetworkLearnsATriviallySeparableTask() throws TrainingException {
    ImageData data = new ImageData(bars(128, 1), bars(64, 2), bars(64, 3));
    SameDiffTrainer trainer = new SameDiffTrainer(SameDiffTrainerConfig.defaults().withNetwork(2, 1)
        .withBatchSize(16).withLearningRate(0.05), data);
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put(SameDiffTrainer.LAYERS, new ParamValue.Int(3));
    hp.put(SameDiffTrainer.DROPOUT, new ParamValue.Real(0.2));
    String genotype = "normal=[sep_conv_3x3~0,skip_connect~1]+reduce=[max_pool_3x3~0,skip_connect~1]";
    var candidate = new CellWithHyperparameters<>(DartsCell.parse(genotype), Configuration.of(hp));
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(1), candidate, 3, 5))) {
      List<Double> losses = new ArrayList<>();
      while (!run.isFinished()) {
        losses.add(run.nextEpoch().metrics().get("loss"));
      }
      Map<String, Double> result = run.result();

      assertTrue(losses.get(2) < losses.get(0) - 0.2 && losses.get(0) > 0.3, "loss " + losses);
      assertTrue(result.get("val_accuracy") >= 0.95, "val_accuracy " + result.get("val_accuracy"));
      assertTrue(result.get("test_accuracy") >= 0.95, "test_accuracy " + result.get("test_accuracy"));
      assertEquals((double) DartsNetwork.build(DartsCell.parse(genotype), 2, 3, 1, 8, 8, 2, 0.2, 5).parameterCount(),
          result.get("params"));
    }
  }

  /** {@code n} 8x8 images of noise in [0, 0.5) with a bright vertical bar left (class 0) or right (class 1). */
  static ImageDataset bars(int n, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] pixels = new float[n * 64];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      int column = labels[i] == 0 ? 1 + random.nextInt(2) : 5 + random.nextInt(2);
      for (int p = 0; p < 64; p++) {
        pixels[i * 64 + p] = p % 8 == column ? 1f : (float) (random.nextDouble() * 0.5);
      }
    }
    return ImageDataset.of(8, 8, 1, 2, pixels, labels);
  }

  private static INDArray logits(org.nd4j.autodiff.samediff.SameDiff sd, int n, int side) {
    return sd.output(Map.of(ImageNetwork.INPUT, Nd4j.rand(DataType.FLOAT, n, 1, side, side)), ImageNetwork.LOGITS)
        .get(ImageNetwork.LOGITS);
  }

  @Test
  void sameSeedSameWeights() {
    DartsNetwork a = DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0, 11);
    DartsNetwork b = DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0, 11);
    DartsNetwork c = DartsNetwork.build(DartsCell.parse(GENOTYPE), 2, 3, 1, 8, 8, 10, 0, 12);
    INDArray wa = a.trainGraph().getArrForVarName("c0_n0_e0_a_dw_w");
    assertEquals(wa, b.trainGraph().getArrForVarName("c0_n0_e0_a_dw_w"));
    assertFalse(wa.equals(c.trainGraph().getArrForVarName("c0_n0_e0_a_dw_w")));
    assertTrue(wa == a.evalGraph().getArrForVarName("c0_n0_e0_a_dw_w"));
  }
}
