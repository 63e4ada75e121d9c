package org.nautilus.engine.metric;

import java.util.Arrays;
import java.util.Objects;

/**
 * Classification metrics over class scores: {@code scores[i][c]} is the model's score (a probability
 * for {@link #logLoss}, any monotone score otherwise) that example {@code i} is of class {@code c}.
 * Labels are in {@code 0..numClasses-1}, with {@code numClasses = scores[0].length}.
 */
public final class ClassificationMetrics {
  /** Probabilities are clipped to {@code [EPS, 1 - EPS]} in {@link #logLoss} (scikit-learn's former default). */
  public static final double LOG_LOSS_EPS = 1e-15;

  private ClassificationMetrics() {}

  /** The predicted class of each row: the highest score, the lowest class index among equal ones. */
  public static int[] argmax(double[][] scores) {
    int[] predicted = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int best = 0;
      for (int c = 1; c < scores[i].length; c++) {
        if (scores[i][c] > scores[i][best]) {
          best = c;
        }
      }
      predicted[i] = best;
    }
    return predicted;
  }

  /** Fraction of rows whose {@link #argmax} is the actual class. */
  public static double accuracy(int[] actual, double[][] scores) {
    return topK(actual, scores, 1);
  }

  /**
   * Fraction of rows whose actual class ranks among the {@code k} highest scores. Ties rank the lower
   * class index first, as {@link #argmax} does, so top-1 equals {@link #accuracy}.
   */
  public static double topK(int[] actual, double[][] scores, int k) {
    int numClasses = check(actual, scores);
    if (k < 1 || k > numClasses) {
      throw new IllegalArgumentException("k must be in 1.." + numClasses + ", got " + k);
    }
    long hits = 0;
    for (int i = 0; i < actual.length; i++) {
      double own = scores[i][actual[i]];
      int rank = 0;
      for (int c = 0; c < numClasses; c++) {
        if (scores[i][c] > own || (scores[i][c] == own && c < actual[i])) {
          rank++;
        }
      }
      if (rank < k) {
        hits++;
      }
    }
    return (double) hits / actual.length;
  }

  /** The confusion matrix of the actual labels against the {@link #argmax} predictions. */
  public static ConfusionMatrix confusion(int[] actual, double[][] scores) {
    int numClasses = check(actual, scores);
    return ConfusionMatrix.of(actual, argmax(scores), numClasses);
  }

  /**
   * Area under the ROC curve of {@code positive[i]} against {@code score[i]}: the probability that a
   * random positive scores above a random negative, ties counting one half (the Mann-Whitney U
   * statistic with mid-ranks, equal to the trapezoidal area). Undefined, and an
   * {@link IllegalArgumentException}, unless both classes occur.
   */
  public static double rocAuc(boolean[] positive, double[] score) {
    Objects.requireNonNull(positive, "positive");
    Checks.sameLength(positive.length, score.length);
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      Checks.finite(score[i], "score", i);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    long positives = 0;
    double rankSum = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && score[order[end + 1]] == score[order[start]]) {
        end++;
      }
      double midRank = (start + end) / 2.0 + 1; // ranks are 1-based
      for (int j = start; j <= end; j++) {
        if (positive[order[j]]) {
          rankSum += midRank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException("ROC-AUC needs positive and negative examples, got " + positives
          + " positive of " + n);
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Binary ROC-AUC of class 1 against class 0, scored by {@code scores[i][1]}. */
  public static double rocAuc(int[] actual, double[][] scores) {
    int numClasses = check(actual, scores);
    if (numClasses != 2) {
      throw new IllegalArgumentException("binary ROC-AUC needs 2 classes, got " + numClasses
          + "; use rocAucOneVsRest");
    }
    return rocAucOfClass(actual, scores, 1);
  }

  /**
   * One-vs-rest ROC-AUC averaged over classes without weights. A class that never occurs, or that
   * every example is, has no ROC curve and is left out (scikit-learn refuses such data instead).
   */
  public static double rocAucOneVsRest(int[] actual, double[][] scores) {
    int numClasses = check(actual, scores);
    int[] counts = new int[numClasses];
    for (int label : actual) {
      counts[label]++;
    }
    double sum = 0;
    int used = 0;
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] > 0 && counts[c] < actual.length) {
        sum += rocAucOfClass(actual, scores, c);
        used++;
      }
    }
    if (used == 0) {
      throw new IllegalArgumentException("ROC-AUC needs at least two classes among the actual labels");
    }
    return sum / used;
  }

  private static double rocAucOfClass(int[] actual, double[][] scores, int c) {
    boolean[] positive = new boolean[actual.length];
    double[] score = new double[actual.length];
    for (int i = 0; i < actual.length; i++) {
      positive[i] = actual[i] == c;
      score[i] = scores[i][c];
    }
    return rocAuc(positive, score);
  }

  /**
   * Mean negative log-likelihood of the actual classes (natural log). Each row is divided by its sum
   * first, and probabilities are clipped to {@code [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS]}, so a confident
   * mistake costs about 34.5 rather than infinity. Scores must be non-negative.
   */
  public static double logLoss(int[] actual, double[][] probabilities) {
    int numClasses = check(actual, probabilities);
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      double sum = 0;
      for (int c = 0; c < numClasses; c++) {
        double p = probabilities[i][c];
        if (!(p >= 0) || !Double.isFinite(p)) {
          throw new IllegalArgumentException("probability of class " + c + " at index " + i + " is " + p);
        }
        sum += p;
      }
      if (sum == 0) {
        throw new IllegalArgumentException("probabilities at index " + i + " are all 0");
      }
      double p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, probabilities[i][actual[i]] / sum));
      total -= Math.log(p);
    }
    return total / actual.length;
  }

  /** Checks shapes and labels; returns the number of classes. */
  private static int check(int[] actual, double[][] scores) {
    Objects.requireNonNull(actual, "actual");
    Objects.requireNonNull(scores, "scores");
    Checks.sameLength(actual.length, scores.length);
    int numClasses = scores[0].length;
    if (numClasses < 2) {
      throw new IllegalArgumentException("scores need a column per class (>= 2), got " + numClasses);
    }
    for (int i = 0; i < actual.length; i++) {
      if (scores[i].length != numClasses) {
        throw new IllegalArgumentException("scores at index " + i + " have " + scores[i].length
            + " columns, expected " + numClasses);
      }
      Checks.label(actual[i], numClasses, "actual", i);
    }
    return numClasses;
  }
}
