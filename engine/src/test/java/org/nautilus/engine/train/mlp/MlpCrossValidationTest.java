package org.nautilus.engine.train.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.ValidationScheme;
import org.nautilus.engine.train.CrossValidatedRun;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.ParamValue;

/** The MLP cross-validated: k folds interleaved epoch by epoch, and leave-one-out. Tiny data, few epochs. */
class MlpCrossValidationTest {
  @TempDir
  Path dir;

  /** {@code n} rows of 3 features; class 1 when x0 + x1 > 0, with two of every five rows' x2 noise. */
  private static TabularDataset classes(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * 3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i * 3 + j] = (float) random.nextGaussian();
      }
      labels[i] = x[i * 3] + x[i * 3 + 1] > 0 ? 1 : 0;
    }
    return TabularDataset.classification(List.of("a", "b", "c"), x, labels, List.of("no", "yes"));
  }

  /** {@code n} rows of y = 3 x0 - x1 + noise. */
  private static TabularDataset line(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i * 2] = (float) random.nextGaussian();
      x[i * 2 + 1] = (float) random.nextGaussian();
      y[i] = 3 * x[i * 2] - x[i * 2 + 1] + 0.1 * random.nextGaussian();
    }
    return TabularDataset.regression(List.of("x0", "x1"), x, y);
  }

  private static Configuration hp(Object... pairs) {
    Map<String, ParamValue> values = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      values.put((String) pairs[i], v instanceof String s ? new ParamValue.Category(s)
          : v instanceof Integer n ? new ParamValue.Int(n) : new ParamValue.Real((Double) v));
    }
    return Configuration.of(values);
  }

  /** Every epoch's report, as {@code <epoch>.<metric>}, then the result; timings left out. */
  private static Map<String, Double> train(TrainingRun run) throws TrainingException {
    Map<String, Double> all = new TreeMap<>();
    try (run) {
      while (!run.isFinished()) {
        all.putAll(prefixed(run.nextEpoch()));
      }
      all.putAll(withoutTimings(run.result()));
    }
    return all;
  }

  private static Map<String, Double> prefixed(EpochReport report) {
    Map<String, Double> m = new TreeMap<>();
    withoutTimings(report.metrics()).forEach((k, v) -> m.put(report.epoch() + "." + k, v));
    return m;
  }

  private static Map<String, Double> withoutTimings(Map<String, Double> metrics) {
    Map<String, Double> kept = new TreeMap<>(metrics);
    kept.keySet().removeIf(k -> k.endsWith("per_second") || k.endsWith("seconds"));
    return kept;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double std(List<Double> values) {
    double m = mean(values);
    return Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / values.size());
  }

  /**
   * Each epoch's {@code val_<m>} is the mean of what the k fold models, trained alone by a holdout trainer
   * on the same splits and seed, report for that epoch, and {@code val_<m>_std} their spread; the test
   * metrics are the mean of the fold models' test metrics. Same seed, same numbers; another seed, others.
   */
  @Test
  void kFoldMetricsAreTheMeanOfIndependentlyTrainedFolds() throws Exception {
    List<TabularData> folds = TabularData.folds(classes(90, 1), classes(30, 2), new ValidationScheme.KFold(3, true, 5));
    MlpTrainerConfig config = MlpTrainerConfig.defaults();
    Configuration candidate = hp("layers", 1, "units", 8, "learning_rate", 0.05, "batch_size", 16);
    TrainRequest request = new TrainRequest(TrialId.of(1), candidate, 3, 11);
    MlpTrainer cv = MlpTrainer.crossValidated(config, folds, CrossValidatedRun.Pooling.MEAN_OF_FOLDS);
    Map<String, Double> together = train(cv.start(request));

    List<Map<String, Double>> alone = new ArrayList<>();
    for (TabularData fold : folds) {
      alone.add(train(new MlpTrainer(config, fold).start(request)));
    }
    for (String metric : List.of("1.val_accuracy", "2.val_log_loss", "3.val_f1_macro", "3.loss", "test_accuracy",
        "test_log_loss", "val_accuracy")) {
      List<Double> values = alone.stream().map(m -> m.get(metric)).toList();
      assertEquals(mean(values), together.get(metric), 1e-12, metric + " of " + values);
    }
    List<Double> accuracies = alone.stream().map(m -> m.get("3.val_accuracy")).toList();
    assertEquals(std(accuracies), together.get("3.val_accuracy_std"), 1e-12, accuracies.toString());
    List<Double> tests = alone.stream().map(m -> m.get("test_accuracy")).toList();
    assertEquals(std(tests), together.get("test_accuracy_std"), 1e-12, tests.toString());
    assertEquals(3.0, together.get("folds"));
    assertEquals(alone.get(0).get("params"), together.get("params"));
    assertTrue(together.get("val_accuracy") > 0.7, "a linear boundary is learnt: " + together);

    assertEquals(together, train(cv.start(request)), "same seed, same metrics");
    assertNotEquals(together.get("1.val_log_loss"),
        train(cv.start(new TrainRequest(TrialId.of(1), candidate, 3, 12))).get("1.val_log_loss"));
  }

  /** Dropout (masks from the seed) and Adam (moments in the updater state) in every fold. */
  @Test
  void resumingACrossValidatedRunEqualsTheUninterruptedRun() throws Exception {
    List<TabularData> folds = TabularData.folds(classes(60, 3), classes(20, 4), new ValidationScheme.KFold(3, true, 5));
    MlpTrainer cv = MlpTrainer.crossValidated(MlpTrainerConfig.defaults(), folds,
        CrossValidatedRun.Pooling.MEAN_OF_FOLDS);
    TrainRequest request = new TrainRequest(TrialId.of(4),
        hp("layers", 2, "units", 8, "dropout", 0.25, "learning_rate", 0.02, "batch_size", 8), 3, 7);
    Map<String, Double> straight = new TreeMap<>();
    Path checkpoint;
    try (TrainingRun run = cv.start(request)) {
      straight.putAll(prefixed(run.nextEpoch()));
      checkpoint = run.checkpoint(dir).orElseThrow();
      straight.putAll(prefixed(run.nextEpoch()));
      straight.putAll(prefixed(run.nextEpoch()));
      straight.putAll(withoutTimings(run.result()));
    }
    assertEquals("trial-4-epoch-1.ckpt", checkpoint.getFileName().toString());
    Map<String, Double> resumed = new TreeMap<>();
    try (TrainingRun run = cv.resume(request, checkpoint)) {
      resumed.putAll(prefixed(run.nextEpoch()));
      resumed.putAll(prefixed(run.nextEpoch()));
      resumed.putAll(withoutTimings(run.result()));
    }
    straight.keySet().removeIf(k -> k.startsWith("1."));
    assertEquals(straight, resumed);

    // a checkpoint over 3 folds does not fit 2, nor a holdout run's file a cross-validated one
    MlpTrainer two = MlpTrainer.crossValidated(MlpTrainerConfig.defaults(), folds.subList(0, 2),
        CrossValidatedRun.Pooling.MEAN_OF_FOLDS);
    TrainingException e = assertThrows(TrainingException.class, () -> two.resume(request, checkpoint));
    assertFalse(e.retryable());
    assertEquals(checkpoint.getFileName() + ": checkpoint over 3 folds, not 2", e.getMessage());
    Path holdout;
    try (TrainingRun run = new MlpTrainer(MlpTrainerConfig.defaults(), folds.get(0)).start(request)) {
      run.nextEpoch();
      holdout = run.checkpoint(dir.resolve("holdout")).orElseThrow();
    }
    e = assertThrows(TrainingException.class, () -> cv.resume(request, holdout));
    assertTrue(e.getMessage().contains("not a cross-validation checkpoint"), e.getMessage());
  }

  /** A stop request reaches the fold that trains next: it ends before its first minibatch. */
  @Test
  void aStopRequestEndsTheCrossValidatedEpochInItsFirstFold() throws Exception {
    List<TabularData> folds = TabularData.folds(classes(60, 3), classes(20, 4), new ValidationScheme.KFold(3, true, 5));
    MlpTrainer cv = MlpTrainer.crossValidated(MlpTrainerConfig.defaults(), folds,
        CrossValidatedRun.Pooling.MEAN_OF_FOLDS);
    try (TrainingRun run = cv.start(new TrainRequest(TrialId.of(6), hp("batch_size", 8), 3, 7))) {
      run.nextEpoch();
      run.requestStop();
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("fold 1 of 3: stopped in epoch 2 after 0 of 5 batches", e.getMessage());
      assertFalse(e.retryable());
    }
  }

  /** The holdout MLP checkpoints too (it did not before k-fold needed its state). */
  @Test
  void resumingAHoldoutRunEqualsTheUninterruptedRun() throws Exception {
    TabularData data = TabularData.of(classes(60, 3), classes(20, 4), new ValidationScheme.Holdout(0.25, true, 1));
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), data);
    TrainRequest request = new TrainRequest(TrialId.of(5),
        hp("layers", 1, "units", 8, "dropout", 0.2, "learning_rate", 0.02, "batch_size", 8), 2, 3);
    Map<String, Double> straight = train(trainer.start(request));
    Path checkpoint;
    try (TrainingRun run = trainer.start(request)) {
      run.nextEpoch();
      checkpoint = run.checkpoint(dir).orElseThrow();
    }
    Map<String, Double> resumed = train(trainer.resume(request, checkpoint));
    straight.keySet().removeIf(k -> k.startsWith("1."));
    assertEquals(straight, resumed);
  }

  /**
   * One row per fold: a metric of one row is undefined (R²) or something else (its RMSE is its absolute
   * error), so leave-one-out pools the held-out predictions: val_rmse is the root of val_mse, which is
   * the mean of the folds' squared errors; no spread over folds is reported for validation.
   */
  @Test
  void leaveOneOutPoolsTheHeldOutPredictions() throws Exception {
    List<TabularData> folds = TabularData.folds(line(10, 6), line(8, 7), new ValidationScheme.LeaveOneOut());
    assertEquals(10, folds.size());
    TrainRequest request = new TrainRequest(TrialId.of(1), hp("layers", 0, "learning_rate", 0.05, "batch_size", 3), 2,
        3);
    Map<String, Double> pooled = train(MlpTrainer.crossValidated(MlpTrainerConfig.defaults(), folds,
        CrossValidatedRun.Pooling.POOLED_PREDICTIONS).start(request));
    List<Double> squaredErrors = new ArrayList<>();
    for (TabularData fold : folds) {
      squaredErrors.add(train(new MlpTrainer(MlpTrainerConfig.defaults(), fold).start(request)).get("2.val_mse"));
    }
    assertEquals(mean(squaredErrors), pooled.get("2.val_mse"), 1e-9);
    assertEquals(Math.sqrt(pooled.get("2.val_mse")), pooled.get("2.val_rmse"), 1e-12);
    assertTrue(Double.isFinite(pooled.get("2.val_r2")), pooled.toString());
    assertFalse(pooled.containsKey("2.val_rmse_std"), pooled.toString());
    assertTrue(pooled.containsKey("test_rmse_std"), pooled.toString());
  }

  /** Early stopping watches the mean over folds: it stops exactly when the mean has not improved for patience epochs. */
  @Test
  void earlyStoppingWatchesTheCrossValidatedObjective() throws Exception {
    List<TabularData> folds = TabularData.folds(classes(48, 8), classes(12, 9), new ValidationScheme.KFold(2, true, 1));
    Map<String, Double> m = train(MlpTrainer.crossValidated(MlpTrainerConfig.defaults(), folds,
        CrossValidatedRun.Pooling.MEAN_OF_FOLDS).start(new TrainRequest(TrialId.of(1),
        hp("layers", 1, "units", 4, "learning_rate", 0.3, "batch_size", 8, "patience", 1), 12, 2)));
    int run = m.get("epochs_run").intValue();
    double best = Double.NaN;
    int expected = 12;
    for (int e = 1; e <= 12; e++) {
      double value = m.get(e + ".val_accuracy");
      if (!Double.isNaN(best) && value <= best) {
        expected = e;
        break;
      }
      best = Double.isNaN(best) ? value : Math.max(best, value);
    }
    assertEquals(expected, run, m.toString());
    assertEquals(best, m.get("best_val_accuracy"), m.toString());
  }
}
