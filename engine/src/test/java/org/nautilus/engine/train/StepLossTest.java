package org.nautilus.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class StepLossTest {
  /** y = x w fitted by squared error: a real graph, trained by a real fit. */
  private static SameDiff linearModel() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2);
    SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
    SDVariable w = sd.var("w", Nd4j.zeros(DataType.FLOAT, 2, 1));
    SDVariable out = x.mmul("out", w);
    sd.loss().meanSquaredError("loss", y, out, null);
    sd.setLossVariables("loss");
    sd.setTrainingConfig(new TrainingConfig.Builder().updater(new Sgd(0.01)).dataSetFeatureMapping("x")
        .dataSetLabelMapping("y").build());
    return sd;
  }

  private static MultiDataSet batch() {
    return new MultiDataSet(Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'),
        Nd4j.create(new float[] {1, 2}, new long[] {2, 1}, 'c'));
  }

  @Test
  void aStopRequestedWhileABatchTrainsEndsTheEpochBeforeTheNextBatch() {
    SameDiff sd = linearModel();
    StepLoss loss = new StepLoss("out", false);
    TrainingException e = assertThrows(TrainingException.class, () -> loss.trainEpoch(sd, 2, 10, b -> {
      if (b == 3) {
        loss.requestStop(); // as another thread would, while batch 3 is being made and trained
      }
      return batch();
    }));
    assertEquals("stopped in epoch 2 after 4 of 10 batches", e.getMessage());
    assertFalse(e.retryable());
    assertEquals(4, loss.steps());
    assertEquals(4, sd.getTrainingConfig().getIterationCount());
  }

  @Test
  void aStopRequestedBeforeTheFirstBatchTrainsNothing() {
    SameDiff sd = linearModel();
    StepLoss loss = new StepLoss("out", false);
    loss.requestStop();
    TrainingException e = assertThrows(TrainingException.class, () -> loss.trainEpoch(sd, 1, 10, b -> batch()));
    assertEquals("stopped in epoch 1 after 0 of 10 batches", e.getMessage());
    assertEquals(0, sd.getTrainingConfig().getIterationCount());
  }

  @Test
  void aStopRequestedDuringTheLastBatchLetsTheEpochComplete() throws TrainingException {
    SameDiff sd = linearModel();
    StepLoss loss = new StepLoss("out", false);
    double mean = loss.trainEpoch(sd, 1, 5, b -> {
      if (b == 4) {
        loss.requestStop();
      }
      return batch();
    });
    assertEquals(5, loss.steps());
    assertTrue(Double.isFinite(mean) && mean > 0, "mean loss " + mean);
  }

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
