package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the splitters, checked over 200 random label arrays each (seeds 0..199). */
class ValidationSchemeTest {
  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** 2..80 rows of 1..5 classes, unbalanced, possibly with a class that never occurs. */
  private static int[] labels(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(79);
    int classes = 1 + random.nextInt(5);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = Math.min(classes - 1, (int) Math.floor(Math.abs(random.nextGaussian()) * classes / 2));
    }
    return labels;
  }

  private static int count(int[] rows, int[] labels, int label) {
    int c = 0;
    for (int r : rows) {
      if (labels[r] == label) {
        c++;
      }
    }
    return c;
  }

  private static int max(int[] labels) {
    int m = 0;
    for (int l : labels) {
      m = Math.max(m, l);
    }
    return m;
  }

  /** Train and validation are disjoint and together cover every row. */
  private static void assertPartition(Split split, int n) {
    boolean[] seen = new boolean[n];
    for (int[] part : List.of(split.train(), split.validation())) {
      for (int r : part) {
        assertTrue(r >= 0 && r < n && !seen[r], "row " + r + " twice or out of range");
        seen[r] = true;
      }
    }
    for (int r = 0; r < n; r++) {
      assertTrue(seen[r], "row " + r + " in neither part");
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void kFoldValidatesEveryRowExactlyOnceInFoldsOfNearEqualSize(long seed) {
    int[] labels = labels(seed);
    int k = 2 + (int) (seed % Math.min(9, labels.length - 1));
    for (boolean stratified : new boolean[] {false, true}) {
      List<Split> folds = new ValidationScheme.KFold(k, stratified, seed).splits(labels);
      assertEquals(k, folds.size());
      int[] validatedTimes = new int[labels.length];
      int min = Integer.MAX_VALUE;
      int maxSize = 0;
      for (Split fold : folds) {
        assertPartition(fold, labels.length);
        for (int r : fold.validation()) {
          validatedTimes[r]++;
        }
        min = Math.min(min, fold.validation().length);
        maxSize = Math.max(maxSize, fold.validation().length);
      }
      for (int times : validatedTimes) {
        assertEquals(1, times);
      }
      assertTrue(maxSize - min <= 1, "fold sizes " + min + ".." + maxSize);
      if (stratified) {
        for (int c = 0; c <= max(labels); c++) {
          int lo = Integer.MAX_VALUE;
          int hi = 0;
          for (Split fold : folds) {
            int inFold = count(fold.validation(), labels, c);
            lo = Math.min(lo, inFold);
            hi = Math.max(hi, inFold);
          }
          assertTrue(hi - lo <= 1, "class " + c + " spread " + lo + ".." + hi + " over folds");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void stratifiedHoldoutKeepsEachClassShareWithinHalfARow(long seed) {
    int[] labels = labels(seed);
    double fraction = 0.1 + 0.8 * new SplittableRandom(seed + 1000).nextDouble();
    ValidationScheme.Holdout holdout = new ValidationScheme.Holdout(fraction, true, seed);
    List<Split> splits;
    try {
      splits = holdout.splits(labels);
    } catch (IllegalArgumentException e) {
      // only when rounding leaves a part empty, e.g. 2 rows of one class at a fraction below 0.25
      assertTrue(e.getMessage().contains("leaves an empty part"), e.getMessage());
      return;
    }
    Split split = splits.get(0);
    assertPartition(split, labels.length);
    for (int c = 0; c <= max(labels); c++) {
      int all = 0;
      for (int l : labels) {
        all += l == c ? 1 : 0;
      }
      int held = count(split.validation(), labels, c);
      assertTrue(Math.abs(held - fraction * all) <= 0.5, "class " + c + ": " + held + " of " + all + " at " + fraction);
    }
    // deterministic in the seed, different for another
    assertEquals(split, holdout.splits(labels).get(0));
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void leaveOneOutHoldsOutEachRowOnce(long seed) {
    int[] labels = labels(seed);
    List<Split> splits = new ValidationScheme.LeaveOneOut().splits(labels);
    assertEquals(labels.length, splits.size());
    for (int i = 0; i < splits.size(); i++) {
      assertPartition(splits.get(i), labels.length);
      assertArrayEquals(new int[] {i}, splits.get(i).validation());
    }
  }

  @org.junit.jupiter.api.Test
  void theSeedDecidesTheShuffle() {
    int[] labels = ValidationScheme.unlabelled(50);
    assertEquals(new ValidationScheme.KFold(5, false, 1).splits(labels), new ValidationScheme.KFold(5, false, 1).splits(labels));
    assertNotEquals(new ValidationScheme.KFold(5, false, 1).splits(labels), new ValidationScheme.KFold(5, false, 2).splits(labels));
  }
}
