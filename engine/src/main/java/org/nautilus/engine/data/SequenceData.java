package org.nautilus.engine.data;

import java.util.List;
import java.util.Objects;

/**
 * Fixed-length sequences for the recurrent trainer: a {@link TabularData} whose every row is one
 * sequence of {@code steps} time steps with {@code stepFeatures} values each, stored time-major
 * ({@code t0f0, t0f1, ..., t1f0, ...}), with one target per sequence (a class, or a number).
 *
 * <p><b>CSV format.</b> A header, then one sequence per row: the target column (named in
 * {@link CsvOptions}) anywhere, and the values in time order in all other columns, e.g. for a
 * univariate series of 4 steps {@code label,x0,x1,x2,x3}, or for 2 features per step
 * {@code label,a0,b0,a1,b1,a2,b2}; read it with {@link CsvDatasetReader} and pass
 * {@code stepFeatures} to {@link #of(TabularDataset, TabularDataset, ValidationScheme.Holdout, int)}. A
 * long numeric series becomes such rows by sliding a window over it ({@link #windows}).
 *
 * @param data the three splits; each row holds {@code steps * stepFeatures} values
 * @param stepFeatures values per time step, F
 */
public record SequenceData(TabularData data, int stepFeatures) {
  public SequenceData {
    Objects.requireNonNull(data, "data");
    int width = data.train().numFeatures();
    if (stepFeatures < 1 || width % stepFeatures != 0) {
      throw new IllegalArgumentException("stepFeatures must be >= 1 and divide the " + width
          + " values per row, got " + stepFeatures);
    }
  }

  /** Time steps per sequence, T. */
  public int steps() {
    return data.train().numFeatures() / stepFeatures;
  }

  /**
   * Splits {@code all} by {@code holdout} into training and validation sequences, keeps {@code test}
   * apart, and standardizes each of the {@code stepFeatures} features with its mean and (population)
   * standard deviation over all steps of the training sequences (a constant feature is only centred).
   */
  public static SequenceData of(TabularDataset all, TabularDataset test, ValidationScheme.Holdout holdout,
      int stepFeatures) {
    checkStepFeatures(all, stepFeatures);
    return of(all, test, holdout.splits(TabularData.labels(all)).get(0), stepFeatures);
  }

  /**
   * One {@link SequenceData} per split of {@code all} by {@code scheme} (k folds, or one per sequence for
   * leave-one-out), each standardized as {@link #of(TabularDataset, TabularDataset, ValidationScheme.Holdout,
   * int)} does with the statistics of its own training sequences, the test sequences included.
   */
  public static List<SequenceData> folds(TabularDataset all, TabularDataset test, ValidationScheme scheme,
      int stepFeatures) {
    checkStepFeatures(all, stepFeatures);
    return scheme.splits(TabularData.labels(all)).stream().map(split -> of(all, test, split, stepFeatures)).toList();
  }

  private static void checkStepFeatures(TabularDataset all, int stepFeatures) {
    if (stepFeatures < 1 || all.numFeatures() % stepFeatures != 0) {
      throw new IllegalArgumentException("stepFeatures must be >= 1 and divide the " + all.numFeatures()
          + " values per row, got " + stepFeatures);
    }
  }

  private static SequenceData of(TabularDataset all, TabularDataset test, Split split, int stepFeatures) {
    TabularDataset train = all.select(split.train());
    float[] x = train.features();
    double[] sum = new double[stepFeatures];
    double[] square = new double[stepFeatures];
    for (int i = 0; i < x.length; i++) {
      sum[i % stepFeatures] += x[i];
      square[i % stepFeatures] += (double) x[i] * x[i];
    }
    double count = (double) x.length / stepFeatures;
    double[] shift = new double[stepFeatures];
    double[] scale = new double[stepFeatures];
    for (int f = 0; f < stepFeatures; f++) {
      shift[f] = sum[f] / count;
      double std = Math.sqrt(Math.max(0, square[f] / count - shift[f] * shift[f]));
      scale[f] = std > 0 ? std : 1;
    }
    return new SequenceData(new TabularData(scaled(train, shift, scale), scaled(all.select(split.validation()), shift,
        scale), scaled(test, shift, scale)), stepFeatures);
  }

  private static TabularDataset scaled(TabularDataset set, double[] shift, double[] scale) {
    float[] x = set.features();
    for (int i = 0; i < x.length; i++) {
      int f = i % shift.length;
      x[i] = (float) ((x[i] - shift[f]) / scale[f]);
    }
    return set.withFeatures(x);
  }

  /**
   * Regression windows over a numeric series: row i holds {@code series[i .. i + window)} (one feature
   * per step) and its target is {@code series[i + window + horizon - 1]}, the value {@code horizon}
   * steps after the window; {@code series.length - window - horizon + 1} rows.
   */
  public static TabularDataset windows(double[] series, int window, int horizon) {
    if (window < 1 || horizon < 1 || series.length < window + horizon) {
      throw new IllegalArgumentException("a series of " + series.length + " values has no window of " + window
          + " with horizon " + horizon);
    }
    int rows = series.length - window - horizon + 1;
    float[] x = new float[rows * window];
    double[] y = new double[rows];
    for (int i = 0; i < rows; i++) {
      for (int t = 0; t < window; t++) {
        x[i * window + t] = (float) series[i + t];
      }
      y[i] = series[i + window + horizon - 1];
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int t = 0; t < window; t++) {
      names.add("x" + t);
    }
    return TabularDataset.regression(names, x, y);
  }
}
