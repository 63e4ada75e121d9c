package org.nautilus.engine.metric;

import java.util.Objects;

/**
 * Counts of (actual, predicted) class pairs, and the per-class and macro-averaged precision, recall
 * and F1 derived from them.
 *
 * <p>Undefined ratios (0/0: precision of a class never predicted, recall of a class that never
 * occurs) are 0, as scikit-learn's {@code zero_division=0}. Macro averages run over the classes that
 * occur among the actual or the predicted labels (scikit-learn's default label set); a class that
 * appears in neither is left out rather than counted as 0.
 */
public final class ConfusionMatrix {
  private final long[][] counts;

  private ConfusionMatrix(long[][] counts) {
    this.counts = counts;
  }

  /**
   * The matrix of {@code actual} against {@code predicted} labels, both in {@code 0..numClasses-1}
   * and of equal length (at least one).
   */
  public static ConfusionMatrix of(int[] actual, int[] predicted, int numClasses) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(predicted, "predicted");
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
    }
    Checks.sameLength(actual.length, predicted.length);
    long[][] counts = new long[numClasses][numClasses];
    for (int i = 0; i < actual.length; i++) {
      counts[Checks.label(actual[i], numClasses, "actual", i)][Checks.label(predicted[i], numClasses, "predicted", i)]++;
    }
    return new ConfusionMatrix(counts);
  }

  /** Number of classes. */
  public int numClasses() {
    return counts.length;
  }

  /** How many examples of class {@code actual} were predicted as {@code predicted}. */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** A copy of the counts, {@code [actual][predicted]}. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Number of examples. */
  public long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  /** Fraction of examples on the diagonal. */
  public double accuracy() {
    long correct = 0;
    for (int c = 0; c < counts.length; c++) {
      correct += counts[c][c];
    }
    return (double) correct / total();
  }

  /** Examples that are of class {@code c}. */
  public long support(int c) {
    long n = 0;
    for (long v : counts[c]) {
      n += v;
    }
    return n;
  }

  /** Examples predicted as class {@code c}. */
  public long predictedCount(int c) {
    long n = 0;
    for (long[] row : counts) {
      n += row[c];
    }
    return n;
  }

  /** True positives over predicted positives for class {@code c}; 0 if it was never predicted. */
  public double precision(int c) {
    return ratio(counts[c][c], predictedCount(c));
  }

  /** True positives over actual positives for class {@code c}; 0 if it never occurs. */
  public double recall(int c) {
    return ratio(counts[c][c], support(c));
  }

  /** Harmonic mean of precision and recall of class {@code c}; 0 if both are 0. */
  public double f1(int c) {
    // 2TP / (2TP + FP + FN): equal to the harmonic mean, and defined whenever either ratio is
    return ratio(2 * counts[c][c], support(c) + predictedCount(c));
  }

  /** Precision of every class, indexed by class. */
  public double[] precisionPerClass() {
    double[] v = new double[counts.length];
    for (int c = 0; c < v.length; c++) {
      v[c] = precision(c);
    }
    return v;
  }

  /** Recall of every class, indexed by class. */
  public double[] recallPerClass() {
    double[] v = new double[counts.length];
    for (int c = 0; c < v.length; c++) {
      v[c] = recall(c);
    }
    return v;
  }

  /** F1 of every class, indexed by class. */
  public double[] f1PerClass() {
    double[] v = new double[counts.length];
    for (int c = 0; c < v.length; c++) {
      v[c] = f1(c);
    }
    return v;
  }

  /** Unweighted mean precision over the classes that occur (see the class comment). */
  public double macroPrecision() {
    return macro(precisionPerClass());
  }

  /** Unweighted mean recall over the classes that occur. */
  public double macroRecall() {
    return macro(recallPerClass());
  }

  /** Unweighted mean F1 over the classes that occur (the mean of per-class F1s, as scikit-learn). */
  public double macroF1() {
    return macro(f1PerClass());
  }

  private double macro(double[] perClass) {
    double sum = 0;
    int n = 0;
    for (int c = 0; c < perClass.length; c++) {
      if (support(c) > 0 || predictedCount(c) > 0) {
        sum += perClass[c];
        n++;
      }
    }
    return sum / n;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }
}
