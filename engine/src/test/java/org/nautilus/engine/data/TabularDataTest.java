package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TabularDataTest {
  /** {@code n} rows of one feature around 10 * label, labels 0 (two thirds) and 1. */
  private static TabularDataset skewed(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3 == 0 ? 1 : 0;
      x[i] = (float) (10 * labels[i] + random.nextGaussian());
    }
    return TabularDataset.classification(List.of("x"), x, labels, List.of("a", "b"));
  }

  private static double mean(TabularDataset set) {
    double sum = 0;
    for (float v : set.features()) {
      sum += v;
    }
    return sum / set.size();
  }

  /**
   * Stratified folds keep the classes' shares in every fold's validation rows; each fold is standardized
   * by its own training rows (mean 0 there), and the test rows are scaled fold by fold, never fitted on.
   */
  @Test
  void foldsAreStratifiedAndScaledByTheirOwnTrainingRows() {
    TabularDataset all = skewed(60, 1);
    TabularDataset test = skewed(9, 2);
    List<TabularData> folds = TabularData.folds(all, test, new ValidationScheme.KFold(4, true, 3));
    assertEquals(4, folds.size());
    double firstTestMean = mean(folds.get(0).test());
    boolean testScaledDifferently = false;
    for (TabularData fold : folds) {
      assertEquals(15, fold.validation().size());
      assertEquals(5, java.util.Arrays.stream(fold.validation().labels()).filter(l -> l == 1).count(),
          "a third of each fold's rows is class b");
      assertEquals(45, fold.train().size());
      assertEquals(0, mean(fold.train()), 1e-6);
      assertEquals(9, fold.test().size());
      testScaledDifferently |= Math.abs(mean(fold.test()) - firstTestMean) > 1e-9;
    }
    assertTrue(testScaledDifferently, "each fold scales the test rows with its own training statistics");
    assertEquals(60, TabularData.folds(all, test, new ValidationScheme.LeaveOneOut()).size());
  }
}
