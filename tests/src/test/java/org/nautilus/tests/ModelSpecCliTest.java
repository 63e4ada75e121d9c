package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * {@code nautilus search} with the {@code mlp} and {@code rnn} trainer kinds on CSV files: the shipped
 * examples (copied with their data, so they are tested as users run them), a sequence classification
 * written here, and the one-line errors for bad data sections.
 */
class ModelSpecCliTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir
  Path work;

  /** The shipped example {@code name} and its data, copied into the work directory, with {@code edits} applied. */
  private Path example(String name, String... edits) throws IOException {
    Files.createDirectories(work.resolve("data"));
    for (String csv : List.of("rings.csv", "tide.csv")) {
      if (!Files.exists(work.resolve("data").resolve(csv))) {
        Files.copy(EXAMPLES.resolve("data").resolve(csv), work.resolve("data").resolve(csv));
      }
    }
    String spec = Files.readString(EXAMPLES.resolve(name));
    for (int i = 0; i < edits.length; i += 2) {
      assertTrue(spec.contains(edits[i]), name + " holds '" + edits[i] + "'");
      spec = spec.replace(edits[i], edits[i + 1]);
    }
    return Files.writeString(work.resolve(name), spec);
  }

  private List<Event.TrialCompleted> search(Path spec, int trials) throws Exception {
    Path journal = work.resolve("run");
    CliProcess.Result run = CliProcess.run(work, 180, "search", spec.toString(), "--journal", journal.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("search finished: trial budget of " + trials + " reached"), run.stdout());
    assertFalse(run.stdout().contains("Added differentiated op"), "ND4J's per-op lines stay off stdout");
    List<Event.TrialCompleted> completed = ChronicleJournal.read(journal).stream().map(Envelope::event)
        .filter(Event.TrialCompleted.class::isInstance).map(Event.TrialCompleted.class::cast).toList();
    assertEquals(trials, completed.size(), "every trial trained: " + run.stdout());
    return completed;
  }

  private static double best(List<Event.TrialCompleted> completed, String metric, boolean max) {
    Stream<Double> values = completed.stream().map(c -> c.metrics().get(metric));
    return max ? values.max(Double::compare).orElseThrow() : values.min(Double::compare).orElseThrow();
  }

  /**
   * Chance on the two balanced rings is 0.5 and a linear model stays there; the search must find an MLP
   * at least 0.35 above it (seen here: 0.96 validation and 0.97 test accuracy).
   */
  @Test
  void theShippedMlpExampleFindsAnMlpFarAboveChance() throws Exception {
    List<Event.TrialCompleted> completed = search(example("mlp.yaml"), 8);
    for (Event.TrialCompleted c : completed) {
      double accuracy = c.metrics().get("val_accuracy");
      assertTrue(accuracy >= 0 && accuracy <= 1, "val_accuracy " + accuracy);
      assertTrue(c.metrics().get("params") >= 10, "a 4-feature, 2-class model has >= 10 weights: " + c.metrics());
    }
    assertTrue(best(completed, "val_accuracy", true) >= 0.85, completed.toString());
    assertTrue(best(completed, "test_accuracy", true) >= 0.85, completed.toString());
  }

  /** Predicting the mean has r2 = 0; the next reading of this smooth series is nearly a function of the window. */
  @Test
  void theShippedRnnExampleForecastsTheSeries() throws Exception {
    List<Event.TrialCompleted> completed = search(example("rnn.yaml", "trials: 6", "trials: 3"), 3);
    assertTrue(best(completed, "test_r2", true) > 0.8, completed.toString());
    for (Event.TrialCompleted c : completed) {
      assertTrue(c.metrics().get("val_rmse") < 0.5, "the series' standard deviation is about 0.8: " + c.metrics());
    }
  }

  /**
   * Rows of 6 steps with 2 values each; the class is the sign of the sum of the first values, so chance
   * is about 0.5 and both cells must reach 0.75 (seen here: above 0.9).
   */
  @Test
  void anRnnClassifiesSequencesOfSeveralFeaturesPerStep() throws Exception {
    SplittableRandom random = new SplittableRandom(4);
    StringBuilder csv = new StringBuilder("a0,b0,a1,b1,a2,b2,a3,b3,a4,b4,a5,b5,sign\n");
    for (int i = 0; i < 400; i++) {
      double sum = 0;
      for (int t = 0; t < 6; t++) {
        double a = random.nextDouble() * 2 - 1;
        sum += a;
        csv.append(String.format(Locale.ROOT, "%.4f,%.4f,", a, random.nextDouble() * 2 - 1));
      }
      csv.append(sum > 0 ? "up" : "down").append('\n');
    }
    Files.writeString(work.resolve("signs.csv"), csv);
    Path spec = Files.writeString(work.resolve("signs.yaml"), String.join("\n",
        "space:",
        "  hyperparameters:",
        "    rnn_cell: {type: categorical, values: [lstm, gru]}",
        "strategy: {name: grid}",
        "objective: {metric: best_val_accuracy, direction: maximize}",
        "budget: {trials: 2}",
        "trainer:",
        "  kind: rnn",
        "  settings: {workers: 1, epochs: 6, units: 12, learning_rate: 0.02, batch_size: 32}",
        "data:",
        "  dataset: signs",
        "  path: signs.csv",
        "  settings: {label: sign, step_features: 2}",
        "seed: 3",
        ""));
    List<Event.TrialCompleted> completed = search(spec, 2);
    for (Event.TrialCompleted c : completed) {
      assertTrue(c.metrics().get("best_val_accuracy") >= 0.75, c.metrics().toString());
      // (2 inputs + 12 units + 1 bias) * 12 units per gate, then 12 * 2 + 2 for the classifier
      double gates = (c.metrics().get("params") - 26) / (15 * 12);
      assertTrue(gates == 3 || gates == 4, "a GRU has 3 gates, an LSTM 4: " + c.metrics());
    }
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("path: data/rings.csv", "path: data/missing.csv",
            "mlp.yaml: data.path 'data/missing.csv' is not a file (looked for "),
        Arguments.of("label: ring,", "label: rings,",
            "mlp.yaml: data.settings.label 'rings' is not a column of data/rings.csv, expected one of x, y, n1, n2, ring"),
        Arguments.of("label: ring,", "label: ring, task: clustering,",
            "mlp.yaml: data.settings.task must be one of classification, regression, got 'clustering'"),
        Arguments.of("label: ring,", "label: ring, task: regression,",
            "mlp.yaml: data.path 'data/rings.csv': rings.csv: line 2, column 'ring': 'inner' is not a number"),
        Arguments.of("space:\n", "space:\n  cell: nb201\n",
            "mlp.yaml: space.cell is not searched by the mlp trainer, whose space is hyperparameters only (layers, "),
        Arguments.of("    dropout:", "    epochs: {type: int, low: 1, high: 9}\n    dropout:",
            "mlp.yaml: space.hyperparameters.epochs is not read by the mlp trainer, expected names among layers, "),
        Arguments.of("metric: val_accuracy", "metric: val_acc",
            "mlp.yaml: objective.metric 'val_acc' is not reported by the mlp trainer on classification data, expected "
                + "loss or one of val_accuracy, val_f1_macro, val_log_loss (or best_val_ of one)"),
        Arguments.of("epochs: 15,", "epochs: 15, activation: swish,",
            "mlp.yaml: trainer.settings: hyperparameter activation: unknown value 'swish', expected relu, "),
        Arguments.of("workers: 2,", "devices: [cpu:0, cpu:0],",
            "mlp.yaml: trainer.settings.devices lists cpu:0 twice; each device gets one trainer"),
        Arguments.of("workers: 2,", "devices: [gpu:0],",
            "mlp.yaml: trainer.settings.devices: device 'gpu:0' must look like cpu:N or cuda:N"),
        Arguments.of("validation_fraction: 0.25", "validation: kfold, folds: 1",
            "mlp.yaml: data.settings.folds must be >= 2, got 1"),
        Arguments.of("validation_fraction: 0.25", "validation: kfold, folds: 321",
            "mlp.yaml: data.settings.folds 321 exceeds the 320 rows of data/rings.csv left for training and "
                + "validation (each fold validates at least one)"),
        Arguments.of("validation_fraction: 0.25", "validation: kfold, validation_fraction: 0.25",
            "mlp.yaml: data.settings.validation_fraction is only for data.settings.validation: holdout, not kfold, "
                + "got 0.25"),
        Arguments.of("validation_fraction: 0.25", "folds: 5",
            "mlp.yaml: data.settings.folds is only for data.settings.validation: kfold, not holdout, got 5"),
        Arguments.of("validation_fraction: 0.25", "validation: cv",
            "mlp.yaml: data.settings.validation must be one of holdout, kfold, leave_one_out, got 'cv'"),
        Arguments.of("label: ring,", "label: ring, header: false,",
            "mlp.yaml: data.settings.label must be a 0-based column index when data.settings.header is false, "
                + "got ring"),
        Arguments.of("label: ring,", "label: 5, header: false,",
            "mlp.yaml: data.settings.label 5 is not a column of data/rings.csv, whose rows have 5 columns (0..4)"),
        Arguments.of("label: ring,", "label: 4, header: false,",
            "mlp.yaml: data.path 'data/rings.csv': rings.csv: line 1, column 0: 'x' is not a number"));
  }

  /**
   * A device list gives one trainer per device; on ND4J's CPU backend the {@code cuda:0} trainer cannot
   * use its device, stops with a journaled note, and the search trains every trial on {@code cpu:0}.
   */
  @Test
  void aDeviceListPinsATrainerToEachAndAnUnusableGpuLeavesANote() throws Exception {
    search(example("mlp.yaml", "workers: 2,", "devices: [cuda:0, cpu:0],", "trials: 8", "trials: 3"), 3);
    List<Event> events = ChronicleJournal.read(work.resolve("run")).stream().map(Envelope::event).toList();
    List<String> trainers = events.stream().filter(Event.TrialStarted.class::isInstance)
        .map(e -> ((Event.TrialStarted) e).trainer() + "@" + ((Event.TrialStarted) e).device()).distinct().toList();
    assertEquals(List.of("cpu0@cpu:0"), trainers);
    assertTrue(events.stream().anyMatch(e -> e instanceof Event.NoteAdded n && n.text().startsWith("trainer cuda0: ")),
        events.stream().filter(Event.NoteAdded.class::isInstance).toList().toString());
  }

  @ParameterizedTest
  @MethodSource("badSpecs")
  void aBadMlpSpecIsAOneLineErrorNamingFieldAndValue(String from, String to, String expected) throws Exception {
    CliTest.assertOneLineUsageError(CliProcess.run(work, 60, "search", example("mlp.yaml", from, to).toString(),
        "--journal", work.resolve("run").toString()), expected);
    assertFalse(Files.exists(work.resolve("run")), "nothing journaled");
  }

  /**
   * Five folds of the shipped MLP example end to end: every epoch's journaled report and every result
   * carries the spread over folds beside the cross-validated mean, and the search still finds a model far
   * above chance (0.5).
   */
  @Test
  void aKFoldSearchReportsCrossValidatedMetricsPerEpoch() throws Exception {
    List<Event.TrialCompleted> completed = search(example("mlp.yaml", "validation_fraction: 0.25",
        "validation: kfold, folds: 5", "trials: 8", "trials: 2", "epochs: 15", "epochs: 8",
        "report: [test_accuracy, params]", "report: [val_accuracy_std, test_accuracy, test_accuracy_std, folds]"), 2);
    for (Event.TrialCompleted c : completed) {
      assertEquals(5.0, c.metrics().get("folds"), c.metrics().toString());
      assertTrue(c.metrics().get("val_accuracy_std") >= 0 && c.metrics().get("val_accuracy_std") < 0.5,
          c.metrics().toString());
      assertTrue(c.metrics().containsKey("test_accuracy_std"), c.metrics().toString());
    }
    List<Event.EpochReported> epochs = ChronicleJournal.read(work.resolve("run")).stream().map(Envelope::event)
        .filter(Event.EpochReported.class::isInstance).map(Event.EpochReported.class::cast).toList();
    assertFalse(epochs.isEmpty());
    for (Event.EpochReported e : epochs) {
      assertTrue(e.metrics().containsKey("val_accuracy") && e.metrics().containsKey("val_accuracy_std"),
          e.metrics().toString());
    }
    assertTrue(best(completed, "val_accuracy", true) >= 0.8, completed.toString());
  }

  /**
   * A file without a header line ({@code header: false}, the label by index) and leave-one-out on its
   * 24 training rows: one model per row, the held-out predictions pooled, so there is no spread over folds
   * to report for validation; the 6 test rows are measured by every fold model.
   */
  @Test
  void leaveOneOutOnAFileWithoutAHeader() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", a, 2 * a - b + 0.05 * random.nextGaussian(), b));
    }
    Files.writeString(work.resolve("plane.data"), csv);
    Path spec = Files.writeString(work.resolve("plane.yaml"), String.join("\n",
        "space:",
        "  hyperparameters:",
        "    learning_rate: {type: categorical, values: [0.05]}",
        "strategy: {name: grid}",
        "objective: {metric: val_r2, direction: maximize}",
        "budget: {trials: 1}",
        "trainer:",
        "  kind: mlp",
        "  settings: {workers: 1, epochs: 3, layers: 0, batch_size: 8, report: [val_rmse, test_r2_std, folds]}",
        "data:",
        "  dataset: plane",
        "  path: plane.data",
        "  settings: {header: false, label: 1, task: regression, validation: leave_one_out}",
        "seed: 3",
        ""));
    Map<String, Double> m = search(spec, 1).get(0).metrics();
    assertEquals(24.0, m.get("folds"), m.toString());
    assertTrue(m.get("val_r2") > 0.5, "a linear model on two columns fits the third: " + m);
    assertFalse(m.containsKey("val_rmse_std"), m.toString());
    assertTrue(m.containsKey("test_r2_std"), m.toString());
  }

  @Test
  void leaveOneOutOnManyRowsAndKFoldOverASeriesAreOneLineErrors() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < 1_260; i++) {
      csv.append(i % 7).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
    }
    Files.writeString(work.resolve("many.csv"), csv);
    Path spec = example("mlp.yaml", "path: data/rings.csv", "path: many.csv", "label: ring,", "label: y,",
        "validation_fraction: 0.25", "validation: leave_one_out");
    CliTest.assertOneLineUsageError(CliProcess.run(work, 60, "search", spec.toString(), "--journal",
        work.resolve("run").toString()),
        "mlp.yaml: data.settings.validation leave_one_out trains one model per row, at most 1000, but many.csv leaves "
            + "1008 rows for training and validation; use validation: kfold");
    Path series = example("rnn.yaml", "horizon: 1,", "horizon: 1, validation: kfold,");
    CliTest.assertOneLineUsageError(CliProcess.run(work, 60, "search", series.toString(), "--journal",
        work.resolve("run").toString()),
        "rnn.yaml: data.settings.validation kfold does not go with data.settings.series: windows of one series overlap");
    assertFalse(Files.exists(work.resolve("run")), "nothing journaled");
  }

  @Test
  void aSeriesWithoutAWindowIsAOneLineError() throws Exception {
    Path spec = example("rnn.yaml", "window: 12, ", "");
    CliTest.assertOneLineUsageError(CliProcess.run(work, 60, "search", spec.toString(), "--journal",
        work.resolve("run").toString()),
        "rnn.yaml: CSV data for the rnn trainer with data.settings.series needs data.settings.window, the time steps "
            + "per sequence");
  }
}
