package org.nautilus.cli.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.data.SequenceData;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.train.CrossValidatedRun;
import org.nautilus.engine.train.ReportedMetrics;
import org.nautilus.engine.train.mlp.MlpTrainer;
import org.nautilus.engine.train.mlp.MlpTrainerConfig;
import org.nautilus.engine.train.rnn.RecurrentTrainer;
import org.nautilus.engine.train.rnn.RecurrentTrainerConfig;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Dimension;
import org.nautilus.nas.space.ParamValue;
import org.nautilus.nas.spec.SearchSpec;

/**
 * The {@code mlp} and {@code rnn} trainer kinds: one model per candidate, trained in the JVM on the CSV
 * data of the spec's {@code data} section ({@link CsvDataSection}). The space is hyperparameters only,
 * each one a name the trainer reads ({@link MlpTrainer#HYPERPARAMETERS},
 * {@link RecurrentTrainer#HYPERPARAMETERS}); {@code trainer.settings} may give any of those names a
 * default that a candidate's own value overrides (e.g. {@code units: 32}), besides {@code workers}
 * (default 1) or {@code devices}, {@code epochs} and the run settings every in-JVM kind takes.
 *
 * <p>The objective must be a metric the trainer reports: {@code val_<m>} or {@code best_val_<m>} for a
 * metric {@code m} of the task ({@link ReportedMetrics}), or {@code loss}; early stopping (a
 * {@code patience} hyperparameter) watches {@code m} on the validation split. {@code report} lists
 * result metrics to show beside it, e.g. {@code [test_accuracy, params]}. When the data section
 * cross-validates ({@code validation: kfold} or {@code leave_one_out}), each trial trains one model per
 * fold ({@link CrossValidatedRun}), and {@code report} may also name {@code val_<m>_std},
 * {@code test_<m>_std}, {@code folds} and {@code train_seconds}.
 */
final class ModelTrainers {
  /** Settings of both kinds other than hyperparameter defaults. */
  private static final List<String> RUN_SETTINGS = List.of("workers", "devices", "epochs", "report", "max_retries",
      "max_consecutive_failures", "time_limit", "scheduler", "min_epochs", "reduction", "grace", "min_trials",
      "prefetch");

  private final SearchSpec spec;
  private final SpecSettings settings;
  private final List<String> hyperparameters;

  private ModelTrainers(SearchSpec spec, SpecSettings settings, List<String> hyperparameters) {
    this.spec = spec;
    this.settings = settings;
    this.hyperparameters = hyperparameters;
    List<String> allowed = new ArrayList<>(RUN_SETTINGS);
    allowed.addAll(hyperparameters);
    settings.allow(allowed);
    checkSpace();
  }

  /** One {@link MlpTrainer} per worker, all on the same data. */
  static List<TrainerSlot> mlp(JournaledSpec journaled, SearchSpec spec, SpecSettings settings) {
    ModelTrainers kind = new ModelTrainers(spec, settings, MlpTrainer.HYPERPARAMETERS);
    CsvDataSection.Parts<TabularData> data = CsvDataSection.tabular(journaled, spec);
    Task task = data.first().train().task();
    String stopOn = kind.earlyStoppingMetric(task, crossValidationResults(task, data.pooling(), List.of()));
    Configuration defaults = kind.defaults();
    MlpTrainerConfig d = MlpTrainerConfig.defaults();
    MlpTrainerConfig config = kind.checked(() -> d.withArchitecture(d.architecture().with(defaults))
        .withSettings(d.settings().with(defaults)).withObjective(stopOn));
    return SpecRun.slots(SpecRun.devices(settings, 1), device -> data.pooling().isEmpty()
        ? new MlpTrainer(config.withDevice(device), data.first())
        : MlpTrainer.crossValidated(config.withDevice(device), data.parts(), data.pooling().get()));
  }

  /** One {@link RecurrentTrainer} per worker, all on the same sequences. */
  static List<TrainerSlot> rnn(JournaledSpec journaled, SearchSpec spec, SpecSettings settings) {
    ModelTrainers kind = new ModelTrainers(spec, settings, RecurrentTrainer.HYPERPARAMETERS);
    CsvDataSection.Parts<SequenceData> data = CsvDataSection.sequences(journaled, spec);
    Task task = data.first().data().train().task();
    String stopOn = kind.earlyStoppingMetric(task, crossValidationResults(task, data.pooling(),
        List.of("train_seconds")));
    Configuration defaults = kind.defaults();
    RecurrentTrainerConfig d = RecurrentTrainerConfig.defaults();
    RecurrentTrainerConfig config = kind.checked(() -> d.withArchitecture(d.architecture().with(defaults))
        .withSettings(d.settings().with(defaults)).withObjective(stopOn));
    return SpecRun.slots(SpecRun.devices(settings, 1), device -> data.pooling().isEmpty()
        ? new RecurrentTrainer(config.withDevice(device), data.first())
        : RecurrentTrainer.crossValidated(config.withDevice(device), data.parts(), data.pooling().get()));
  }

  /**
   * Result metrics besides the task's {@code val_} and {@code test_} ones: {@code extra}, and when
   * cross-validating {@code folds}, {@code train_seconds} and the spreads over folds ({@code test_<m>_std},
   * and {@code val_<m>_std} unless leave-one-out pools the predictions).
   */
  private static List<String> crossValidationResults(Task task, Optional<CrossValidatedRun.Pooling> pooling,
      List<String> extra) {
    List<String> results = new ArrayList<>(extra);
    if (pooling.isPresent()) {
      for (String m : ReportedMetrics.of(task)) {
        if (pooling.get() == CrossValidatedRun.Pooling.MEAN_OF_FOLDS) {
          results.add("val_" + m + "_std");
        }
        results.add("test_" + m + "_std");
      }
      results.add("folds");
      if (!results.contains("train_seconds")) {
        results.add("train_seconds");
      }
    }
    return results;
  }

  /** Refuses a cell (these models are not built from one) and a name the trainer never reads (searched in vain). */
  private void checkSpace() {
    String kind = spec.trainer().kind();
    if (spec.space().cell().isPresent()) {
      throw settings.error("space.cell is not searched by the " + kind + " trainer, whose space is hyperparameters "
          + "only (" + String.join(", ", hyperparameters) + "); remove space.cell, or train cells with the samediff "
          + "trainer");
    }
    for (Dimension d : spec.space().hyperparameters().dimensions()) {
      if (!hyperparameters.contains(d.name())) {
        throw settings.error("space.hyperparameters." + d.name() + " is not read by the " + kind + " trainer, "
            + "expected names among " + String.join(", ", hyperparameters));
      }
    }
  }

  /** The hyperparameter defaults given in {@code trainer.settings}. */
  private Configuration defaults() {
    Map<String, ParamValue> values = new TreeMap<>();
    for (String name : hyperparameters) {
      settings.get(name).ifPresent(v -> values.put(name, checked(() -> v instanceof Long n ? new ParamValue.Int(n)
          : v instanceof Double x ? new ParamValue.Real(x) : new ParamValue.Category(String.valueOf(v)))));
    }
    return Configuration.of(values);
  }

  /** {@code make}, with a bad hyperparameter default as a one-line error under trainer.settings. */
  private <T> T checked(Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw settings.error(settings.path() + ": " + e.getMessage());
    }
  }

  /**
   * The metric (without prefix) that early stopping watches: the objective's, when it names a validation
   * metric of the task; the task's first metric for {@code loss}. Also checks {@code report}.
   */
  private String earlyStoppingMetric(Task task, List<String> extraResults) {
    List<String> metrics = ReportedMetrics.of(task);
    String objective = spec.objective().metric();
    String stopOn = metrics.stream().filter(m -> objective.equals("val_" + m) || objective.equals("best_val_" + m))
        .findFirst().orElse(metrics.get(0));
    String taskName = task.name().toLowerCase(Locale.ROOT);
    if (objective.startsWith("test_")) {
      throw settings.error("objective.metric '" + objective + "' is measured on the test split, which must not steer "
          + "the search; use val_" + objective.substring("test_".length()) + " and list '" + objective
          + "' under trainer.settings.report");
    }
    if (!objective.equals("loss") && !objective.equals("val_" + stopOn) && !objective.equals("best_val_" + stopOn)) {
      throw settings.error("objective.metric '" + objective + "' is not reported by the " + spec.trainer().kind()
          + " trainer on " + taskName + " data, expected loss or one of val_" + String.join(", val_", metrics)
          + " (or best_val_ of one)");
    }
    if (objective.startsWith("best_val_") && settings.get("scheduler").isPresent()) {
      throw settings.error("objective.metric '" + objective + "' is known only when a trial ends, but "
          + settings.path() + ".scheduler compares the epochs' reports; use val_" + stopOn);
    }
    List<String> results = new ArrayList<>(List.of("loss", "epochs_run", "params", "best_val_" + stopOn));
    for (String m : metrics) {
      results.add("val_" + m);
      results.add("test_" + m);
    }
    results.addAll(extraResults);
    for (String column : settings.strings("report")) {
      if (!results.contains(column)) {
        throw settings.error(settings.path() + ".report names '" + column + "', which the " + spec.trainer().kind()
            + " trainer does not report on " + taskName + " data, expected some of " + String.join(", ", results));
      }
    }
    return stopOn;
  }
}
