package org.nautilus.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How to divide training rows into fitting and validation rows: one holdout split, k folds (each row
 * validated exactly once), or leave-one-out for tiny data. Stratified schemes keep each class's share
 * in every part (within one row). All shuffling comes from the scheme's seed, so the same seed and
 * labels give the same splits.
 *
 * <p>{@link #splits} takes the rows' class labels; for regression or an unstratified scheme only
 * their number matters ({@link #unlabelled}).
 */
public sealed interface ValidationScheme {
  /** The splits of rows {@code 0..labels.length-1}; labels are used only to stratify. */
  List<Split> splits(int[] labels);

  /** Labels for {@code n} rows that carry no class (all 0), for regression data. */
  static int[] unlabelled(int n) {
    return new int[n];
  }

  /**
   * One split holding out {@code round(fraction * n)} rows (per class, when stratified) for validation.
   *
   * @param validationFraction share of rows for validation, in (0, 1)
   * @param stratified per class rather than over all rows
   * @param seed shuffles the rows
   */
  record Holdout(double validationFraction, boolean stratified, long seed) implements ValidationScheme {
    public Holdout {
      if (!(validationFraction > 0 && validationFraction < 1)) {
        throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
      }
    }

    @Override
    public List<Split> splits(int[] labels) {
      int[][] groups = stratified ? byClass(labels) : new int[][] {identity(labels.length)};
      SplittableRandom random = new SplittableRandom(seed);
      List<Integer> train = new ArrayList<>();
      List<Integer> validation = new ArrayList<>();
      for (int[] group : groups) {
        shuffle(group, random);
        long held = Math.round(validationFraction * group.length);
        for (int i = 0; i < group.length; i++) {
          (i < held ? validation : train).add(group[i]);
        }
      }
      if (train.isEmpty() || validation.isEmpty()) {
        throw new IllegalArgumentException("holdout of " + validationFraction + " over " + labels.length
            + " rows leaves an empty part");
      }
      return List.of(new Split(toArray(train), toArray(validation)));
    }
  }

  /**
   * k folds; each row is validated in exactly one. Unstratified folds differ in size by at most one
   * row; stratified ones deal each class's shuffled rows round the folds, continuing where the
   * previous class stopped, so every fold's class counts and sizes differ by at most one.
   *
   * @param k number of folds, 2..rows
   * @param stratified keep class shares per fold
   * @param seed shuffles the rows
   */
  record KFold(int k, boolean stratified, long seed) implements ValidationScheme {
    public KFold {
      if (k < 2) {
        throw new IllegalArgumentException("k must be >= 2, got " + k);
      }
    }

    @Override
    public List<Split> splits(int[] labels) {
      if (k > labels.length) {
        throw new IllegalArgumentException(k + " folds need at least " + k + " rows, got " + labels.length);
      }
      int[][] groups = stratified ? byClass(labels) : new int[][] {identity(labels.length)};
      SplittableRandom random = new SplittableRandom(seed);
      int[] foldOf = new int[labels.length];
      int next = 0;
      for (int[] group : groups) {
        shuffle(group, random);
        for (int row : group) {
          foldOf[row] = next;
          next = (next + 1) % k;
        }
      }
      List<Split> splits = new ArrayList<>(k);
      for (int fold = 0; fold < k; fold++) {
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int row = 0; row < labels.length; row++) {
          (foldOf[row] == fold ? validation : train).add(row);
        }
        splits.add(new Split(toArray(train), toArray(validation)));
      }
      return splits;
    }
  }

  /** n splits, each validating on one row and fitting on the rest. */
  record LeaveOneOut() implements ValidationScheme {
    @Override
    public List<Split> splits(int[] labels) {
      int n = labels.length;
      if (n < 2) {
        throw new IllegalArgumentException("leave-one-out needs at least 2 rows, got " + n);
      }
      List<Split> splits = new ArrayList<>(n);
      for (int held = 0; held < n; held++) {
        int[] train = new int[n - 1];
        for (int row = 0, t = 0; row < n; row++) {
          if (row != held) {
            train[t++] = row;
          }
        }
        splits.add(new Split(train, new int[] {held}));
      }
      return splits;
    }
  }

  private static int[] identity(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** Row indices grouped by label, classes in increasing label order, rows in increasing order. */
  private static int[][] byClass(int[] labels) {
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is negative");
      }
      max = Math.max(max, labels[i]);
    }
    int[] counts = new int[max + 1];
    for (int label : labels) {
      counts[label]++;
    }
    int[][] groups = new int[max + 1][];
    for (int c = 0; c <= max; c++) {
      groups[c] = new int[counts[c]];
    }
    int[] filled = new int[max + 1];
    for (int i = 0; i < labels.length; i++) {
      groups[labels[i]][filled[labels[i]]++] = i;
    }
    return groups;
  }

  private static void shuffle(int[] rows, SplittableRandom random) {
    for (int i = rows.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
  }

  private static int[] toArray(List<Integer> rows) {
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }
}
