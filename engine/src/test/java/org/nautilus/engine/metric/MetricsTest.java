package org.nautilus.engine.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;

/** Every metric against values worked out by hand (in the comments), including ties and absent classes. */
class MetricsTest {
  private static final double EPS = 1e-12;

  // Four classes. Class 2 never occurs but is predicted once; class 3 neither occurs nor is predicted.
  // Rows 1 and 4 hold ties that argmax breaks towards the lower class.
  private static final int[] ACTUAL = {0, 0, 0, 1, 1, 1};
  private static final double[][] SCORES = {
      {0.7, 0.2, 0.1, 0.0},   // predicted 0
      {0.4, 0.4, 0.2, 0.0},   // tie 0/1 -> predicted 0
      {0.3, 0.5, 0.2, 0.0},   // predicted 1
      {0.1, 0.8, 0.1, 0.0},   // predicted 1
      {0.2, 0.6, 0.2, 0.0},   // predicted 1
      {0.1, 0.3, 0.6, 0.0}};  // predicted 2

  @Test
  void confusionMatrixAndPerClassScores() {
    ConfusionMatrix m = ClassificationMetrics.confusion(ACTUAL, SCORES);
    assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2}, ClassificationMetrics.argmax(SCORES));
    long[][] expected = {{2, 1, 0, 0}, {0, 2, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
    assertArrayEquals(expected, m.counts());
    assertEquals(4.0 / 6, m.accuracy(), EPS);
    // precision: 2/2, 2/3, 0/1, 0/0 -> 0
    assertArrayEquals(new double[] {1, 2.0 / 3, 0, 0}, m.precisionPerClass(), EPS);
    // recall: 2/3, 2/3, 0/0 -> 0, 0/0 -> 0
    assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 0, 0}, m.recallPerClass(), EPS);
    // F1 = 2TP / (2TP + FP + FN): 4/5, 4/6, 0/1, 0/0 -> 0
    assertArrayEquals(new double[] {0.8, 2.0 / 3, 0, 0}, m.f1PerClass(), EPS);
    // macro over classes 0, 1, 2 (class 3 appears nowhere and is left out)
    assertEquals((1 + 2.0 / 3 + 0) / 3, m.macroPrecision(), EPS);
    assertEquals((2.0 / 3 + 2.0 / 3 + 0) / 3, m.macroRecall(), EPS);
    assertEquals(22.0 / 45, m.macroF1(), EPS);
  }

  @Test
  void topKBreaksTiesLikeArgmax() {
    assertEquals(4.0 / 6, ClassificationMetrics.accuracy(ACTUAL, SCORES), EPS);
    assertEquals(4.0 / 6, ClassificationMetrics.topK(ACTUAL, SCORES, 1), EPS);
    // rows 2 and 5 have their class second
    assertEquals(1.0, ClassificationMetrics.topK(ACTUAL, SCORES, 2), EPS);
    double[][] tie = {{0.4, 0.4, 0.2}};
    assertEquals(1.0, ClassificationMetrics.topK(new int[] {0}, tie, 1));
    assertEquals(0.0, ClassificationMetrics.topK(new int[] {1}, tie, 1));
    assertEquals(1.0, ClassificationMetrics.topK(new int[] {1}, tie, 2));
    assertEquals(0.0, ClassificationMetrics.topK(new int[] {2}, tie, 2));
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.topK(ACTUAL, SCORES, 5));
  }

  @Test
  void binaryRocAucCountsTiesAsHalf() {
    // positives score .9 .5 .1, negatives .9 .3: pairs won 0.5 + 1 + 0 + 1 + 0 + 0 = 2.5 of 6
    boolean[] positive = {true, false, true, false, true};
    double[] score = {0.9, 0.9, 0.5, 0.3, 0.1};
    assertEquals(2.5 / 6, ClassificationMetrics.rocAuc(positive, score), EPS);
    // perfect and reversed rankings
    assertEquals(1.0, ClassificationMetrics.rocAuc(new boolean[] {false, true}, new double[] {0.1, 0.2}), EPS);
    assertEquals(0.0, ClassificationMetrics.rocAuc(new boolean[] {true, false}, new double[] {0.1, 0.2}), EPS);
    // all equal: chance
    assertEquals(0.5, ClassificationMetrics.rocAuc(new boolean[] {true, false, false}, new double[] {3, 3, 3}), EPS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.rocAuc(new boolean[] {true, true}, new double[] {0.1, 0.2}));
    assertEquals("ROC-AUC needs positive and negative examples, got 2 positive of 2", e.getMessage());
    // the class-score form uses column 1
    int[] labels = {1, 0, 1, 0, 1};
    double[][] two = {{0.1, 0.9}, {0.1, 0.9}, {0.5, 0.5}, {0.7, 0.3}, {0.9, 0.1}};
    assertEquals(2.5 / 6, ClassificationMetrics.rocAuc(labels, two), EPS);
  }

  @Test
  void oneVsRestRocAucLeavesOutAClassThatNeverOccurs() {
    int[] actual = {0, 0, 1, 1};
    double[][] scores = {
        {0.8, 0.1, 0.1},
        {0.4, 0.3, 0.3},
        {0.6, 0.3, 0.1},
        {0.1, 0.8, 0.1}};
    // class 0: positives .8 .4 vs negatives .6 .1 -> 1 + 1 + 0 + 1 = 3 of 4
    // class 1: positives .3 .8 vs negatives .1 .3 -> 1 + 0.5 + 1 + 1 = 3.5 of 4
    // class 2 never occurs: no ROC curve, left out
    assertEquals((0.75 + 0.875) / 2, ClassificationMetrics.rocAucOneVsRest(actual, scores), EPS);
  }

  @Test
  void logLossNormalisesRowsAndClipsZero() {
    double expected = -(Math.log(0.7) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8) + Math.log(0.6)
        + Math.log(0.3)) / 6;
    assertEquals(expected, ClassificationMetrics.logLoss(ACTUAL, SCORES), EPS);
    // row [2, 6] is [0.25, 0.75]
    assertEquals(-Math.log(0.75), ClassificationMetrics.logLoss(new int[] {1}, new double[][] {{2, 6}}), EPS);
    // a confident mistake: -ln(1e-15) = 34.538776...
    assertEquals(34.538776394910684, ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{0, 1}}), 1e-9);
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{-0.1, 1.1}}));
  }

  @Test
  void regressionMetrics() {
    double[] actual = {1, 2, 3, 4};
    double[] predicted = {1.5, 2, 2, 5};
    // errors 0.5, 0, -1, 1
    assertEquals(2.25 / 4, RegressionMetrics.mse(actual, predicted), EPS);
    assertEquals(0.75, RegressionMetrics.rmse(actual, predicted), EPS);
    assertEquals(2.5 / 4, RegressionMetrics.mae(actual, predicted), EPS);
    // mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5, SS_res = 2.25
    assertEquals(1 - 2.25 / 5, RegressionMetrics.r2(actual, predicted), EPS);
    assertEquals(1.0, RegressionMetrics.r2(new double[] {3, 3}, new double[] {3, 3}));
    assertEquals(0.0, RegressionMetrics.r2(new double[] {3, 3}, new double[] {3, 4}));
    // worse than the mean: predicting 4 3 2 1 gives SS_res 9 + 1 + 1 + 9 = 20 -> 1 - 4
    assertEquals(-3.0, RegressionMetrics.r2(actual, new double[] {4, 3, 2, 1}), EPS);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegressionMetrics.mse(actual, new double[] {1, 2, Double.NaN, 4}));
    assertEquals("prediction at index 2 is NaN", e.getMessage());
  }

  @Test
  void anyMetricCanBeNamedAsTheObjective() {
    Predictions classes = new Predictions.Classes(ACTUAL, SCORES);
    assertEquals(22.0 / 45, Metric.named("f1_macro").compute(classes), EPS);
    assertEquals(4.0 / 6, Metric.named("accuracy").compute(classes), EPS);
    assertEquals(1.0, Metric.named("top2_accuracy").compute(classes), EPS);
    assertEquals(Direction.MINIMIZE, Metric.named("log_loss").direction());
    assertEquals(Direction.MAXIMIZE, Metric.named("r2").direction());
    assertEquals(0.75, Metric.named("rmse").compute(new Predictions.Values(new double[] {1, 2, 3, 4},
        new double[] {1.5, 2, 2, 5})), EPS);
    for (String name : Metric.names()) {
      assertEquals(name, Metric.named(name).name());
    }
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Metric.named("f2"));
    assertEquals("unknown metric 'f2', expected one of accuracy, f1_macro, log_loss, mae, mse, precision_macro, "
        + "r2, recall_macro, rmse, roc_auc, roc_auc_ovr or top<k>_accuracy", unknown.getMessage());
    IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
        () -> Metric.named("mse").compute(classes));
    assertTrue(kind.getMessage().startsWith("metric mse is a regression metric"), kind.getMessage());
  }

  @Test
  void labelsOutOfRangeAreRejectedWithTheirIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfusionMatrix.of(new int[] {0, 4}, new int[] {0, 1}, 3));
    assertEquals("actual label 4 at index 1 is outside 0..2", e.getMessage());
  }
}
