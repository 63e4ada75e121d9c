package org.nautilus.cli.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.nautilus.cli.UserError;
import org.nautilus.engine.data.CsvDatasetReader;
import org.nautilus.engine.data.CsvOptions;
import org.nautilus.engine.data.DatasetException;
import org.nautilus.engine.data.SequenceData;
import org.nautilus.engine.data.Split;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.data.ValidationScheme;
import org.nautilus.engine.train.CrossValidatedRun;
import org.nautilus.nas.spec.SearchSpec;

/**
 * The spec's {@code data} section for the {@code mlp} and {@code rnn} trainers: a CSV file
 * ({@code data.path}, relative to the spec), read by {@link CsvDatasetReader} and split into test rows
 * and the rows to train and validate on, which a holdout splits once or cross-validation k times.
 *
 * <p>{@code data.settings}: {@code label} (the target column, required), {@code header} (default true;
 * false for a file of rows only, whose columns {@code label} and {@code series} then name by 0-based
 * index), {@code task} ({@code classification}, the default, or {@code regression}), {@code test} (a
 * separate test CSV with the same columns) or {@code test_fraction} (rows held out for the test split,
 * default 0.2), {@code validation} ({@code holdout}, the default, {@code kfold} or {@code leave_one_out}),
 * {@code validation_fraction} (holdout: of the remaining rows, default 0.2), {@code folds} (kfold: default
 * 5), {@code stratify} (keep class shares in every split and fold, default true; classification only),
 * {@code split_seed} (default 0; fixed apart from the search's seed so that searches with different seeds
 * are measured on the same splits). Features are standardized with statistics of the training rows only
 * (per fold when cross-validating).
 *
 * <p>For {@code rnn} every row is one sequence, its values in time order, {@code step_features} values
 * per step (default 1); or, with {@code series: COLUMN}, {@code window} (required) and {@code horizon}
 * (default 1), the windows over one numeric column forecast the value {@code horizon} steps after each
 * (a regression); the test split is then the last windows in time, not a random share.
 */
final class CsvDataSection {
  private static final List<String> COMMON = List.of("label", "header", "task", "test", "test_fraction",
      "validation", "validation_fraction", "folds", "stratify", "split_seed");
  /** Leave-one-out trains a model per row, all at once: more rows than this are refused. */
  static final int MAX_LEAVE_ONE_OUT_ROWS = 1_000;
  private static final List<String> SEQUENCE = List.of("step_features", "series", "window", "horizon");

  private final JournaledSpec journaled;
  private final SpecSettings settings;
  private final String pathText;
  private final Path file;
  private final long seed;
  private final boolean header;

  private CsvDataSection(JournaledSpec journaled, SearchSpec spec, List<String> allowed) {
    this.journaled = journaled;
    String kind = spec.trainer().kind();
    String example = "data: {dataset: NAME, path: FILE.csv, settings: {label: COLUMN}}";
    SearchSpec.DataSpec data = spec.data().orElseThrow(() -> new UserError(journaled.file() + ": the " + kind
        + " trainer needs a data section naming a CSV file, e.g. " + example));
    this.settings = new SpecSettings(journaled.file(), "data.settings", "CSV data for the " + kind + " trainer",
        data.settings());
    settings.allow(allowed);
    this.pathText = data.path().orElseThrow(() -> new UserError(journaled.file() + ": the " + kind
        + " trainer needs data.path, the CSV file (relative to the spec), e.g. " + example));
    this.file = existing("data.path", pathText);
    this.seed = settings.integer("split_seed", 0);
    this.header = settings.flag("header", true);
  }

  /**
   * The data a trainer is given: one holdout split ({@code pooling} empty), or one part per fold and how
   * their validation predictions become one estimate.
   */
  record Parts<T>(List<T> parts, Optional<CrossValidatedRun.Pooling> pooling) {
    /** The first part, the whole data of a holdout. */
    T first() {
      return parts.get(0);
    }
  }

  /** Training, validation and test rows for the {@code mlp} trainer, per fold when cross-validating. */
  static Parts<TabularData> tabular(JournaledSpec journaled, SearchSpec spec) {
    CsvDataSection section = new CsvDataSection(journaled, spec, COMMON);
    Rows rows = section.rows();
    return new Parts<>(section.split(() -> TabularData.folds(rows.all, rows.test, rows.validation)),
        pooling(rows.validation));
  }

  /** Training, validation and test sequences for the {@code rnn} trainer, per fold when cross-validating. */
  static Parts<SequenceData> sequences(JournaledSpec journaled, SearchSpec spec) {
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(SEQUENCE);
    CsvDataSection section = new CsvDataSection(journaled, spec, allowed);
    if (section.settings.get("series").isPresent()) {
      Rows rows = section.windows(section.column("series"));
      return new Parts<>(List.of(section.split(() -> SequenceData.of(rows.all, rows.test,
          (ValidationScheme.Holdout) rows.validation, 1))), Optional.empty());
    }
    section.settings.forbid("window", "is only for a series (data.settings.series)");
    section.settings.forbid("horizon", "is only for a series (data.settings.series)");
    int stepFeatures = section.settings.positive("step_features", 1);
    Rows rows = section.rows();
    if (rows.all.numFeatures() % stepFeatures != 0) {
      throw section.settings.error("data.settings.step_features must divide the " + rows.all.numFeatures()
          + " value columns of " + section.pathText + ", got " + stepFeatures);
    }
    return new Parts<>(section.split(() -> SequenceData.folds(rows.all, rows.test, rows.validation, stepFeatures)),
        pooling(rows.validation));
  }

  /** Rows to train and validate on, the test rows, and how to divide the former into fitting and validation rows. */
  private record Rows(TabularDataset all, TabularDataset test, ValidationScheme validation) {}

  private static Optional<CrossValidatedRun.Pooling> pooling(ValidationScheme scheme) {
    if (scheme instanceof ValidationScheme.Holdout) {
      return Optional.empty();
    }
    return Optional.of(scheme instanceof ValidationScheme.LeaveOneOut ? CrossValidatedRun.Pooling.POOLED_PREDICTIONS
        : CrossValidatedRun.Pooling.MEAN_OF_FOLDS);
  }

  /**
   * The column that {@code key} names: a header's name, or without a header (data.settings.header false)
   * a 0-based index, checked against the file's columns.
   */
  private String column(String key) {
    List<String> columns = read(() -> CsvDatasetReader.columns(file, header));
    if (header) {
      String name = settings.required(key);
      if (!columns.contains(name)) {
        throw settings.error("data.settings." + key + " '" + name + "' is not a column of " + pathText
            + ", expected one of " + String.join(", ", columns));
      }
      return name;
    }
    Object value = settings.get(key).orElseThrow(() -> settings.error(settings.owner() + " needs data.settings." + key
        + ", a 0-based column index (data.settings.header is false)"));
    if (!(value instanceof Long index)) {
      throw settings.error("data.settings." + key + " must be a 0-based column index when data.settings.header is "
          + "false, got " + value);
    }
    if (index < 0 || index >= columns.size()) {
      throw settings.error("data.settings." + key + " " + index + " is not a column of " + pathText + ", whose rows have "
          + columns.size() + " columns (0.." + (columns.size() - 1) + ")");
    }
    return Long.toString(index);
  }

  /** One example per row: the label column is the target, every other column a feature. */
  private Rows rows() {
    String label = column("label");
    Task task = Task.valueOf(settings.choice("task", List.of("classification", "regression"), "classification")
        .toUpperCase(Locale.ROOT));
    CsvOptions named = task == Task.CLASSIFICATION ? CsvOptions.classification(label) : CsvOptions.regression(label);
    CsvOptions options = header ? named : named.withoutHeader();
    TabularDataset all = read(() -> CsvDatasetReader.read(file, options));
    boolean stratify = task == Task.CLASSIFICATION && settings.flag("stratify", true);
    // the training file's classes, in its order, so that a label means the same class in the test file
    CsvOptions same = task == Task.CLASSIFICATION ? options.withClasses(all.classNames()) : options;
    Optional<TabularDataset> test = testFile(path -> CsvDatasetReader.read(path, same));
    if (test.isPresent()) {
      return new Rows(all, test.get(), validation(stratify, all.size()));
    }
    int[] labels = stratify ? all.labels() : ValidationScheme.unlabelled(all.size());
    Split split = split(() -> new ValidationScheme.Holdout(settings.fraction("test_fraction", 0.2), stratify,
        seed).splits(labels).get(0));
    return new Rows(all.select(split.train()), all.select(split.validation()),
        validation(stratify, split.train().length));
  }

  /**
   * How the {@code rows} rows left for training and validation are divided: {@code data.settings.validation}
   * is {@code holdout} (the default), {@code kfold} ({@code folds}, default 5) or {@code leave_one_out}.
   */
  private ValidationScheme validation(boolean stratify, int rows) {
    String scheme = settings.choice("validation", List.of("holdout", "kfold", "leave_one_out"), "holdout");
    if (!scheme.equals("kfold")) {
      settings.forbid("folds", "is only for data.settings.validation: kfold, not " + scheme);
    }
    if (!scheme.equals("holdout")) {
      settings.forbid("validation_fraction", "is only for data.settings.validation: holdout, not " + scheme);
    }
    if (scheme.equals("kfold")) {
      long folds = settings.integer("folds", 5);
      if (folds < 2) {
        throw settings.error("data.settings.folds must be >= 2, got " + folds);
      }
      if (folds > rows) {
        throw settings.error("data.settings.folds " + folds + " exceeds the " + rows + " rows of " + pathText
            + " left for training and validation (each fold validates at least one)");
      }
      return new ValidationScheme.KFold((int) folds, stratify, seed + 1);
    }
    if (scheme.equals("leave_one_out")) {
      if (rows > MAX_LEAVE_ONE_OUT_ROWS) {
        throw settings.error("data.settings.validation leave_one_out trains one model per row, at most "
            + MAX_LEAVE_ONE_OUT_ROWS + ", but " + pathText + " leaves " + rows + " rows for training and validation; "
            + "use validation: kfold");
      }
      if (rows < 2) {
        throw settings.error("data.settings.validation leave_one_out needs at least 2 rows, " + pathText + " leaves "
            + rows);
      }
      return new ValidationScheme.LeaveOneOut();
    }
    return holdout(stratify);
  }

  /** Sliding windows over the numbers in {@code column}; the test split is the last windows in time. */
  private Rows windows(String column) {
    for (String key : List.of("label", "task", "stratify", "step_features")) {
      settings.forbid(key, "does not go with data.settings.series (a series is forecast: a regression on "
          + "windows of one value per step)");
    }
    String scheme = settings.choice("validation", List.of("holdout", "kfold", "leave_one_out"), "holdout");
    if (!scheme.equals("holdout")) {
      throw settings.error("data.settings.validation " + scheme + " does not go with data.settings.series: windows of "
          + "one series overlap and follow each other in time, so each fold would train on the neighbours and the "
          + "future of the windows it validates; use validation: holdout (validation_fraction)");
    }
    settings.forbid("folds", "is only for data.settings.validation: kfold, which a series cannot use");
    if (settings.get("window").isEmpty()) {
      throw settings.error(settings.owner() + " with data.settings.series needs data.settings.window, the time "
          + "steps per sequence");
    }
    int window = settings.positive("window", 1);
    int horizon = settings.positive("horizon", 1);
    double[] values = read(() -> CsvDatasetReader.series(file, column, header));
    TabularDataset windows = split(() -> SequenceData.windows(values, window, horizon));
    Optional<TabularDataset> test = testFile(path -> CsvDatasetReader.series(path, column, header))
        .map(series -> split(() -> SequenceData.windows(series, window, horizon)));
    if (test.isPresent()) {
      return new Rows(windows, test.get(), holdout(false));
    }
    int n = windows.size();
    int held = (int) Math.round(settings.fraction("test_fraction", 0.2) * n);
    if (held < 1 || held >= n) {
      throw settings.error("data.settings.test_fraction leaves no " + (held < 1 ? "test" : "training")
          + " windows of the " + n + " over " + pathText);
    }
    return new Rows(windows.select(IntStream.range(0, n - held).toArray()),
        windows.select(IntStream.range(n - held, n).toArray()), holdout(false));
  }

  /** How validation rows are held out of the training rows (seeded apart from the test split). */
  private ValidationScheme.Holdout holdout(boolean stratify) {
    return new ValidationScheme.Holdout(settings.fraction("validation_fraction", 0.2), stratify, seed + 1);
  }

  /** The separate test file that {@code data.settings.test} names, read by {@code reader}; empty if none. */
  private <T> Optional<T> testFile(Function<Path, T> reader) {
    Optional<String> text = settings.string("test");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    settings.forbid("test_fraction", "cannot go with data.settings.test, a separate test file");
    Path path = existing("data.settings.test", text.get());
    return Optional.of(read("data.settings.test", text.get(), () -> reader.apply(path)));
  }

  /** {@code text}, relative to the spec, checked to be a file: {@code field} names it in the error. */
  private Path existing(String field, String text) {
    Path path = journaled.base().resolve(text).normalize();
    if (!Files.isRegularFile(path)) {
      throw new UserError(journaled.file() + ": " + field + " '" + text + "' is not a file (looked for " + path + ")");
    }
    return path;
  }

  /** A read of the data file whose {@link DatasetException} (naming file, line and column) becomes one line. */
  private <T> T read(Supplier<T> reading) {
    return read("data.path", pathText, reading);
  }

  /** A read of file {@code text} given as {@code field}; its {@link DatasetException} becomes one line. */
  private <T> T read(String field, String text, Supplier<T> reading) {
    try {
      return reading.get();
    } catch (DatasetException e) {
      throw new UserError(journaled.file() + ": " + field + " '" + text + "': " + e.getMessage(), e);
    }
  }

  /** A split whose refusal (too few rows for the fractions, mismatched files) becomes one line under data. */
  private <T> T split(Supplier<T> splitting) {
    try {
      return splitting.get();
    } catch (IllegalArgumentException e) {
      throw new UserError(journaled.file() + ": data: " + e.getMessage() + " (" + pathText + ")", e);
    }
  }
}
