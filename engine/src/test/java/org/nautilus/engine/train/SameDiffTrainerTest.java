package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.Nb201Cell;

class SameDiffTrainerTest {
  private static final String SMALL =
      "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|";
  /** Node 1 is zero, so node 3 = skip(node 1) is zero: the network's output ignores its input. */
  private static final String ZERO_OUTPUT = "|none~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|";

  private static ImageData tiny;

  @BeforeAll
  static void loadData() {
    ImageData all = FashionMnist.bundled();
    // 640 training images (10 minibatches of 64), 200 validation, 200 test: all class-mixed
    tiny = new ImageData(all.train().subset(0, 640), all.validation().subset(0, 200), all.test().subset(0, 200));
  }

  private static SameDiffTrainerConfig config(int channels) {
    return SameDiffTrainerConfig.defaults().withNetwork(channels, 1);
  }

  private static List<EpochReport> train(TrainingRun run) throws TrainingException {
    List<EpochReport> reports = new ArrayList<>();
    while (!run.isFinished()) {
      reports.add(run.nextEpoch());
    }
    return reports;
  }

  @Test
  void aCustomOpIsANonRetryableErrorBeforeAnyTraining() {
    String message = "op 'my_op' has no implementation in the SameDiff trainer; use a tabular or process trainer";
    org.nautilus.nas.space.Nb201Op mine = org.nautilus.nas.space.Nb201Op.custom("my_op");
    List<org.nautilus.nas.space.Nb201Op> ops = new ArrayList<>(org.nautilus.nas.space.Nb201Op.builtIns());
    ops.add(mine);
    Nb201Cell cell = org.nautilus.nas.space.Nb201Space.withOps(ops)
        .parse("|nor_conv_3x3~0|+|none~0|my_op~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|");
    SameDiffTrainer trainer = new SameDiffTrainer(config(4), tiny);
    TrainingException e = assertThrows(TrainingException.class,
        () -> trainer.start(new TrainRequest(TrialId.of(9), cell, 1, 1)));
    assertEquals(message, e.getMessage());
    assertFalse(e.retryable());
    IllegalArgumentException build = assertThrows(IllegalArgumentException.class,
        () -> Nb201Network.build(cell, 4, 1, 1, 28, 28, 10, 1));
    assertEquals(message, build.getMessage());
  }

  @Test
  void lossFallsAndAccuracyBeatsChance() throws TrainingException {
    SameDiffTrainer trainer = new SameDiffTrainer(config(4).withBatchSize(32), tiny);
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(1), Nb201Cell.parse(SMALL), 3, 5))) {
      List<EpochReport> reports = train(run);
      Map<String, Double> result = run.result();

      assertEquals(3, reports.size());
      double first = reports.get(0).metrics().get("loss");
      double last = reports.get(2).metrics().get("loss");
      assertTrue(last < first - 0.3, "loss " + first + " -> " + last);
      // chance is 0.1
      assertTrue(result.get("val_accuracy") > 0.3, "val_accuracy " + result.get("val_accuracy"));
      assertTrue(result.get("test_accuracy") > 0.3, "test_accuracy " + result.get("test_accuracy"));
      assertTrue(result.get("images_per_second") > 0);
      assertEquals((double) Nb201Network.build(Nb201Cell.parse(SMALL), 4, 1, 1, 28, 28, 10, 5).parameterCount(),
          result.get("params"));
      assertEquals(reports.get(2).metrics().get("val_accuracy"), result.get("val_accuracy"));
    }
  }

  @Test
  void sameSeedGivesIdenticalMetrics() throws TrainingException {
    SameDiffTrainer trainer = new SameDiffTrainer(config(4), tiny);
    Map<String, Double> a = runWithoutTimings(trainer, 21);
    Map<String, Double> b = runWithoutTimings(trainer, 21);
    Map<String, Double> c = runWithoutTimings(trainer, 22);

    assertEquals(a, b);
    assertFalse(a.equals(c), "another seed gives other weights and another order");
  }

  private static Map<String, Double> runWithoutTimings(SameDiffTrainer trainer, long seed) throws TrainingException {
    Map<String, Double> metrics = new TreeMap<>();
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(2), Nb201Cell.parse(SMALL), 2, seed))) {
      for (EpochReport report : train(run)) {
        report.metrics().forEach((k, v) -> metrics.put("epoch" + report.epoch() + "." + k, v));
      }
      metrics.putAll(run.result());
    }
    metrics.keySet().removeIf(k -> k.endsWith("images_per_second") || k.endsWith("seconds"));
    return metrics;
  }

  @Test
  void zeroOutputCellTrainsToTheClassPrior() throws TrainingException {
    SameDiffTrainer trainer = new SameDiffTrainer(config(4), tiny);
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(3), Nb201Cell.parse(ZERO_OUTPUT), 1, 1))) {
      EpochReport report = run.nextEpoch();

      double loss = report.metrics().get("loss");
      assertTrue(Double.isFinite(loss) && loss > 2.0 && loss < 2.6, "loss " + loss);
      double accuracy = run.result().get("test_accuracy");
      assertTrue(accuracy < 0.2, "a network blind to its input cannot beat the class prior: " + accuracy);
    }
  }

  @Test
  void divergenceIsNotRetryable() throws TrainingException {
    SameDiffTrainer trainer = new SameDiffTrainer(config(4).withLearningRate(1e30), tiny);
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(4), Nb201Cell.parse(SMALL), 1, 1))) {
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);

      assertFalse(e.retryable());
      assertTrue(e.getMessage().matches("(loss diverged to (NaN|Infinity) at epoch 1, batch \\d+"
          + "|training diverged at epoch 1: .*)"), e.getMessage());
    }
  }

  @Test
  void otherCandidatesAreRejected() {
    Candidate other = () -> "lr=0.1";
    SameDiffTrainer trainer = new SameDiffTrainer(config(4), tiny);

    TrainingException e = assertThrows(TrainingException.class,
        () -> trainer.start(new TrainRequest(TrialId.of(5), other, 1, 1)));

    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("NAS-Bench-201"), e.getMessage());
  }

  @Test
  void configRejectsBadValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SameDiffTrainerConfig.defaults().withBatchSize(1));
    assertEquals("batchSize must be 2..65536, got 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SameDiffTrainerConfig.defaults().withLearningRate(0));
  }

  @Test
  void shuffleDependsOnSeedAndEpochOnly() {
    int[] a = SameDiffTrainingRun.shuffledOrder(100, 3, 1);
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(SameDiffTrainingRun.shuffledOrder(100, 3, 1)));
    assertFalse(java.util.Arrays.equals(a, SameDiffTrainingRun.shuffledOrder(100, 3, 2)));
    int[] sorted = a.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }

}
