package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.ParamValue;

/** Checkpoint and resume, hyperparameters from the candidate, and early stopping, on a small real network. */
class SameDiffCheckpointTest {
  private static final String SMALL =
      "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|";
  private static final String ZERO_OUTPUT = "|none~0|+|none~0|none~1|+|none~0|skip_connect~1|none~2|";

  private static ImageData tiny;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadData() {
    ImageData all = FashionMnist.bundled();
    tiny = new ImageData(all.train().subset(0, 320), all.validation().subset(0, 100), all.test().subset(0, 100));
  }

  private static SameDiffTrainer trainer() {
    return new SameDiffTrainer(SameDiffTrainerConfig.defaults().withNetwork(4, 1), tiny);
  }

  private static Candidate candidate(String cell, Map<String, ParamValue> hp) {
    return new CellWithHyperparameters<>(Nb201Cell.parse(cell), Configuration.of(hp));
  }

  /**
   * Adam (whose moment estimates are updater state) with a stepped, warmed-up schedule, L2 and image
   * augmentation (whose randomness must resume too).
   */
  private static Candidate adam() {
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put("optimizer", new ParamValue.Category("adam"));
    hp.put("learning_rate", new ParamValue.Real(0.01));
    hp.put("lr_schedule", new ParamValue.Category("step"));
    hp.put("warmup_epochs", new ParamValue.Real(0.5));
    hp.put("l2", new ParamValue.Real(1e-4));
    hp.put("batch_size", new ParamValue.Category("32"));
    hp.put("crop_padding", new ParamValue.Int(2));
    hp.put("horizontal_flip", new ParamValue.Category("true"));
    return candidate(SMALL, hp);
  }

  private static Map<String, Double> withoutTimings(Map<String, Double> metrics) {
    Map<String, Double> kept = new TreeMap<>(metrics);
    kept.keySet().removeIf(k -> k.endsWith("images_per_second") || k.endsWith("seconds"));
    return kept;
  }

  @Test
  void resumingFromAnEpochCheckpointEqualsTheUninterruptedRun() throws Exception {
    TrainRequest request = new TrainRequest(TrialId.of(1), adam(), 2, 7);
    Map<String, Double> straight = new TreeMap<>();
    Path checkpoint;
    try (TrainingRun run = trainer().start(request)) {
      straight.putAll(prefixed(run.nextEpoch()));
      checkpoint = run.checkpoint(dir).orElseThrow();
      straight.putAll(prefixed(run.nextEpoch()));
      straight.putAll(withoutTimings(run.result()));
    }
    assertEquals("trial-1-epoch-1.ckpt", checkpoint.getFileName().toString());

    Map<String, Double> resumed = new TreeMap<>();
    try (TrainingRun run = trainer().resume(request, checkpoint)) {
      assertFalse(run.isFinished());
      EpochReport second = run.nextEpoch();
      assertEquals(2, second.epoch());
      resumed.putAll(prefixed(second));
      assertTrue(run.isFinished());
      resumed.putAll(withoutTimings(run.result()));
    }
    straight.keySet().removeIf(k -> k.startsWith("1."));
    assertEquals(straight, resumed);
    // every classification metric is measured on validation (each epoch) and test (at the end)
    for (String metric : new String[] {"accuracy", "top5_accuracy", "f1_macro", "log_loss"}) {
      assertTrue(resumed.containsKey("2.val_" + metric) && resumed.containsKey("test_" + metric), metric);
    }
    assertTrue(resumed.get("test_top5_accuracy") >= resumed.get("test_accuracy"));
    assertEquals(2.0, resumed.get("epochs_run"));
  }

  /** A DARTS network with classifier dropout: its masks, drawn per minibatch from the seed, resume too. */
  @Test
  void aDartsRunWithDropoutResumesExactly() throws Exception {
    ImageData bars = new ImageData(DartsNetworkTest.bars(64, 1), DartsNetworkTest.bars(16, 2),
        DartsNetworkTest.bars(16, 3));
    SameDiffTrainer trainer = new SameDiffTrainer(SameDiffTrainerConfig.defaults().withNetwork(2, 1)
        .withBatchSize(16), bars);
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put(SameDiffTrainer.LAYERS, new ParamValue.Int(3));
    hp.put(SameDiffTrainer.DROPOUT, new ParamValue.Real(0.3));
    hp.put("optimizer", new ParamValue.Category("adam"));
    hp.put("learning_rate", new ParamValue.Real(0.01));
    Candidate darts = new CellWithHyperparameters<>(org.nautilus.nas.space.DartsCell.parse(
        "normal=[sep_conv_3x3~0,skip_connect~1]+reduce=[max_pool_3x3~0,dil_conv_3x3~1]"), Configuration.of(hp));
    TrainRequest request = new TrainRequest(TrialId.of(5), darts, 2, 7);
    Map<String, Double> straight = new TreeMap<>();
    Path checkpoint;
    Path last;
    try (TrainingRun run = trainer.start(request)) {
      run.nextEpoch();
      checkpoint = run.checkpoint(dir).orElseThrow();
      straight.putAll(prefixed(run.nextEpoch()));
      last = run.checkpoint(dir).orElseThrow();
      straight.putAll(withoutTimings(run.result()));
    }
    Map<String, Double> resumed = new TreeMap<>();
    try (TrainingRun run = trainer.resume(request, checkpoint)) {
      resumed.putAll(prefixed(run.nextEpoch()));
      resumed.putAll(withoutTimings(run.result()));
    }
    assertEquals(straight, resumed);
    // resumed from its last epoch, a finished run reports the same result, validation metrics included
    try (TrainingRun run = trainer.resume(request, last)) {
      assertTrue(run.isFinished());
      Map<String, Double> result = withoutTimings(run.result());
      straight.keySet().stream().filter(k -> !k.startsWith("2.")).forEach(k -> assertEquals(straight.get(k),
          result.get(k), k));
      assertTrue(result.containsKey("val_f1_macro") && result.containsKey("val_log_loss"), result.toString());
    }
    // without dropout the same seed trains differently: the masks did something
    hp.put(SameDiffTrainer.DROPOUT, new ParamValue.Real(0.0));
    Candidate plain = new CellWithHyperparameters<>(((CellWithHyperparameters<?>) darts).cell(), Configuration.of(hp));
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(5), plain, 2, 7))) {
      run.nextEpoch();
      assertNotEquals(straight.get("2.loss"), prefixed(run.nextEpoch()).get("2.loss"));
    }
  }

  @Test
  void theCandidatesHyperparametersChangeTraining() throws Exception {
    TrainRequest plain = new TrainRequest(TrialId.of(2), Nb201Cell.parse(SMALL), 1, 7);
    TrainRequest tuned = new TrainRequest(TrialId.of(2), adam(), 1, 7);
    Map<String, Double> a;
    Map<String, Double> b;
    try (TrainingRun run = trainer().start(plain)) {
      a = prefixed(run.nextEpoch());
    }
    try (TrainingRun run = trainer().start(tuned)) {
      b = prefixed(run.nextEpoch());
    }
    assertNotEquals(a.get("1.loss"), b.get("1.loss"));
  }

  @Test
  void aCheckpointOfAnotherCandidateIsRefused() throws Exception {
    Path checkpoint;
    try (TrainingRun run = trainer().start(new TrainRequest(TrialId.of(3), adam(), 2, 7))) {
      run.nextEpoch();
      checkpoint = run.checkpoint(dir).orElseThrow();
    }
    TrainingException e = assertThrows(TrainingException.class,
        () -> trainer().resume(new TrainRequest(TrialId.of(3), adam(), 2, 8), checkpoint));
    assertTrue(e.getMessage().startsWith("trial-3-epoch-1.ckpt: checkpoint of " + adam().canonical() + " with seed 7, "
        + "not of"), e.getMessage());
    assertFalse(e.retryable());
    Path garbage = Files.writeString(dir.resolve("garbage.ckpt"), "not a checkpoint at all");
    TrainingException g = assertThrows(TrainingException.class,
        () -> trainer().resume(new TrainRequest(TrialId.of(3), adam(), 2, 7), garbage));
    assertEquals("garbage.ckpt: not a Nautilus checkpoint (bad magic number at byte 0)", g.getMessage());
  }

  @Test
  void earlyStoppingEndsARunWhoseValidationAccuracyStopsImproving() throws Exception {
    // A network blind to its input predicts one class for every image; with a tiny learning rate that
    // class, and so the validation accuracy, stays the same, so patience 2 ends the run after epoch 3.
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put("patience", new ParamValue.Int(2));
    hp.put("learning_rate", new ParamValue.Real(1e-4));
    hp.put("optimizer", new ParamValue.Category("sgd"));
    try (TrainingRun run = trainer().start(new TrainRequest(TrialId.of(4), candidate(ZERO_OUTPUT, hp), 6, 3))) {
      double first = run.nextEpoch().metrics().get("val_accuracy");
      assertFalse(run.isFinished());
      assertEquals(first, run.nextEpoch().metrics().get("val_accuracy"));
      assertFalse(run.isFinished());
      assertEquals(first, run.nextEpoch().metrics().get("val_accuracy"));
      assertTrue(run.isFinished(), "two epochs without improvement");
      assertEquals(3.0, run.result().get("epochs_run"));
      assertEquals(first, run.result().get("best_val_accuracy"));
    }
  }

  private static Map<String, Double> prefixed(EpochReport report) {
    Map<String, Double> metrics = new TreeMap<>();
    withoutTimings(report.metrics()).forEach((k, v) -> metrics.put(report.epoch() + "." + k, v));
    return metrics;
  }

}
