package org.nautilus.engine.train.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.data.CsvDatasetReader;
import org.nautilus.engine.data.CsvOptions;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.ValidationScheme;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.ParamValue;

/** The MLP on small synthetic tables written as real CSV files and read back. */
class MlpTrainerTest {
  @TempDir
  Path dir;

  /** Three Gaussian blobs in 4 dimensions (centres 3 apart on different axes), 300 rows. */
  private TabularData blobs() throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    StringBuilder csv = new StringBuilder("a,b,c,d,kind\n");
    String[] kinds = {"red", "green", "blue"};
    for (int i = 0; i < 300; i++) {
      int k = i % 3;
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = random.nextGaussian() + (j == k ? 3 : 0);
      }
      csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%s%n", x[0], x[1], x[2], x[3], kinds[k]));
    }
    Path file = Files.writeString(dir.resolve("blobs.csv"), csv);
    TabularDataset all = CsvDatasetReader.read(file, CsvOptions.classification("kind"));
    int[] test = new int[60];
    int[] rest = new int[240];
    for (int i = 0; i < 300; i++) {
      if (i < 60) {
        test[i] = i;
      } else {
        rest[i - 60] = i;
      }
    }
    return TabularData.of(all.select(rest), all.select(test), new ValidationScheme.Holdout(0.25, true, 3));
  }

  /** y = 2 x1 - x2 + 0.1 noise, 200 rows. */
  private TabularData line() throws IOException {
    return line(0, 1);
  }

  /** y = offset + scale (2 x1 - x2 + 0.1 noise), 200 rows. */
  private TabularData line(double offset, double scale) throws IOException {
    SplittableRandom random = new SplittableRandom(2);
    StringBuilder csv = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < 200; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", x1, x2,
          offset + scale * (2 * x1 - x2 + 0.1 * random.nextGaussian())));
    }
    TabularDataset all = CsvDatasetReader.read(Files.writeString(dir.resolve("line.csv"), csv),
        CsvOptions.regression("y"));
    int[] test = java.util.stream.IntStream.range(0, 40).toArray();
    int[] rest = java.util.stream.IntStream.range(40, 200).toArray();
    return TabularData.of(all.select(rest), all.select(test), new ValidationScheme.Holdout(0.25, false, 3));
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

  private static Map<String, Double> train(MlpTrainer trainer, Configuration candidate, int epochs, long seed)
      throws TrainingException {
    Map<String, Double> all = new TreeMap<>();
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(1), candidate, epochs, seed))) {
      while (!run.isFinished()) {
        EpochReport report = run.nextEpoch();
        report.metrics().forEach((k, v) -> all.put(report.epoch() + "." + k, v));
      }
      all.putAll(run.result());
    }
    all.keySet().removeIf(k -> k.endsWith("per_second"));
    return all;
  }

  @Test
  void classifiesSeparableBlobsAndReportsEveryClassificationMetric() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), blobs());
    Map<String, Double> m = train(trainer, hp("layers", 1, "units", 16, "learning_rate", 0.01), 10, 5);
    assertTrue(m.get("val_accuracy") > 0.9, m.toString());
    assertTrue(m.get("test_accuracy") > 0.9, m.toString());
    assertTrue(m.get("test_f1_macro") > 0.9, m.toString());
    assertTrue(m.get("10.loss") < m.get("1.loss"), m.toString());
    assertTrue(m.get("test_log_loss") < Math.log(3), m.toString());
    // 4 -> 16 -> 3
    assertEquals(4 * 16 + 16 + 16 * 3 + 3, m.get("params"));
  }

  @Test
  void fitsALinearTarget() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), line());
    Map<String, Double> m = train(trainer, hp("layers", 1, "units", 16, "learning_rate", 0.01, "activation", "tanh"),
        20, 5);
    assertTrue(m.get("val_r2") > 0.9, m.toString());
    assertTrue(m.get("test_r2") > 0.9, m.toString());
    assertEquals(Math.sqrt(m.get("test_mse")), m.get("test_rmse"), 1e-12);
  }

  /**
   * Targets in the thousands (a price, a count): trained on standardized targets, the same network and
   * settings fit them as well as the unit-scale line, and the metrics are in the targets' own units
   * (an RMSE near the noise's 0.1 x 800 = 80, far below the targets' spread of ~1,800).
   */
  @Test
  void fitsALinearTargetInTheThousandsAndReportsInItsUnits() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), line(5_000, 800));
    Map<String, Double> m = train(trainer, hp("layers", 1, "units", 16, "learning_rate", 0.01, "activation", "tanh"),
        20, 5);
    assertTrue(m.get("val_r2") > 0.9, m.toString());
    assertTrue(m.get("test_r2") > 0.9, m.toString());
    assertTrue(m.get("test_rmse") > 40 && m.get("test_rmse") < 600, "in the targets' units: " + m);
  }

  @Test
  void sameSeedSameMetricsAndDropoutMasksComeFromTheSeed() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), blobs());
    Configuration withDropout = hp("layers", 2, "units", 16, "dropout", 0.3, "optimizer", "momentum", "momentum", 0.9,
        "learning_rate", 0.05);
    Map<String, Double> a = train(trainer, withDropout, 3, 9);
    assertEquals(a, train(trainer, withDropout, 3, 9));
    assertNotEquals(a, train(trainer, withDropout, 3, 10));
    assertNotEquals(a.get("1.loss"), train(trainer, hp("layers", 2, "units", 16, "optimizer", "momentum",
        "momentum", 0.9, "learning_rate", 0.05), 3, 9).get("1.loss"));
  }

  @Test
  void aBadHyperparameterIsANonRetryableErrorNamingIt() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), blobs());
    TrainingException e = assertThrows(TrainingException.class,
        () -> trainer.start(new TrainRequest(TrialId.of(1), hp("activation", "swish"), 1, 1)));
    assertEquals("activation=swish: hyperparameter activation: unknown value 'swish', expected relu, leaky_relu, "
        + "elu, tanh or sigmoid", e.getMessage());
  }

  @Test
  void numbersOfACategoricalDimensionShapeTheNetworkAsNumbersDo() throws Exception {
    MlpTrainer trainer = new MlpTrainer(MlpTrainerConfig.defaults(), blobs());
    Map<String, Double> categories = train(trainer, hp("layers", "1", "units", "16", "dropout", "0.1"), 2, 5);
    assertEquals(4 * 16 + 16 + 16 * 3 + 3, categories.get("params"));
    assertEquals(train(trainer, hp("layers", 1, "units", 16, "dropout", 0.1), 2, 5), categories);
    TrainingException e = assertThrows(TrainingException.class,
        () -> trainer.start(new TrainRequest(TrialId.of(1), hp("units", "many"), 1, 1)));
    assertEquals("units=many: hyperparameter units must be a number, got 'many'", e.getMessage());
  }
}

