package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class StepLossTest {
  @Test
  void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTrueClass() {
    // row 1: logits (0, ln 3): softmax (1/4, 3/4), true class 1: -ln(3/4)
    // row 2: logits (1000, 0), true class 1: a confident wrong answer costs 1000 (log-sum-exp), not the
    // 690.8 that a log of a probability clamped at 1e-300 would give
    float ln3 = (float) Math.log(3);
    double loss = StepLoss.crossEntropy(Nd4j.create(new float[] {0, ln3, 1000, 0}, new long[] {2, 2}, 'c'),
        Nd4j.create(new float[] {0, 1, 0, 1}, new long[] {2, 2}, 'c'));
    double expected = (-Math.log(Math.exp(ln3) / (1 + Math.exp(ln3))) + 1000) / 2;
    assertEquals(expected, loss, 1e-6);
  }
}
