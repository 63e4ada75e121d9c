package org.nautilus.engine.train;

import java.util.function.IntFunction;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Sums the loss of each training step of an epoch, computed from the step's output activation (logits,
 * or the predicted value) and its labels: softmax cross-entropy for classification, squared error for
 * regression. ND4J 1.0.0-M2.1 never runs the loss op itself in training, so the listener recomputes it.
 *
 * <p>{@link #trainEpoch} runs one {@code fit} per epoch over {@link EpochBatches}, whose stop condition is
 * {@link #diverged} (a non-finite loss ends the epoch after that step) or a {@link #requestStop} from
 * another thread (the epoch ends before its next step).
 */
public final class StepLoss extends BaseListener {
  private final String output;
  private final boolean classification;
  private boolean sawOutput;
  private double lastLoss = Double.NaN;
  private int steps;
  private double lossSum;
  /** Set by another thread (a trainer told to stop the trial), read before each step. */
  private volatile boolean stopRequested;

  /**
   * A listener for the variable {@code output}.
   *
   * @param classification logits, one per class, else one predicted value per row
   */
  public StepLoss(String output, boolean classification) {
    this.output = output;
    this.classification = classification;
  }

  /**
   * Trains epoch {@code epoch} of {@code graph} in one {@code fit} over {@code count} minibatches made by
   * {@code batch}, with this listener, stopping after a step whose loss is not finite, or before the
   * next step once {@link #requestStop} was called.
   *
   * @return the epoch's mean step loss
   * @throws TrainingException (not retryable) if ND4J fails, the loss diverges, a stop was requested
   *     before the last step, or steps are missing
   */
  public double trainEpoch(SameDiff graph, int epoch, int count, IntFunction<MultiDataSet> batch)
      throws TrainingException {
    startEpoch();
    EpochBatches batches = new EpochBatches(count, batch, () -> diverged() || stopRequested);
    try {
      graph.fit(batches, 1, this);
    } catch (RuntimeException e) {
      if (stopRequested && steps < count) {
        // ND4J's fit fails (NullPointerException) on an iterator that ends before its first batch
        throw stopped(epoch, count);
      }
      throw new TrainingException("training failed at epoch " + epoch + ", batch " + batches.served() + ": " + e,
          false, e);
    }
    if (diverged()) {
      throw new TrainingException("loss diverged to " + lastLoss + " at epoch " + epoch + ", batch " + steps, false);
    }
    if (stopRequested && steps < count) {
      throw stopped(epoch, count);
    }
    if (steps != count) {
      throw new TrainingException("epoch " + epoch + " trained " + steps + " of " + count + " batches", false);
    }
    return lossSum / count;
  }

  /**
   * Ends the epoch in progress (or the next one) before its next step; safe from any thread. There is
   * no undoing it: the run it belongs to is being stopped.
   */
  public void requestStop() {
    stopRequested = true;
  }

  private TrainingException stopped(int epoch, int count) {
    return new TrainingException("stopped in epoch " + epoch + " after " + steps + " of " + count + " batches", false);
  }

  /** Forgets the previous epoch's steps. */
  public void startEpoch() {
    steps = 0;
    lossSum = 0;
    lastLoss = Double.NaN;
  }

  /** True once a step of this epoch had a non-finite loss. */
  public boolean diverged() {
    return steps > 0 && !Double.isFinite(lastLoss);
  }

  /** Steps done in this epoch. */
  public int steps() {
    return steps;
  }

  /** Their summed loss. */
  public double lossSum() {
    return lossSum;
  }

  /** The last step's loss; NaN if its output was not seen. */
  public double lastLoss() {
    return lastLoss;
  }

  @Override
  public boolean isActive(Operation operation) {
    return operation == Operation.TRAINING;
  }

  @Override
  public ListenerVariables requiredVariables(SameDiff sd) {
    return ListenerVariables.builder().trainingVariables(output).build();
  }

  @Override
  public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
      INDArray activation) {
    if (varName.equals(output)) {
      lastLoss = loss(activation, batch.getLabels(0));
      sawOutput = true;
    }
  }

  @Override
  public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
    if (!sawOutput) {
      lastLoss = Double.NaN;
    }
    sawOutput = false;
    steps++;
    lossSum += lastLoss;
  }

  /** The mean loss of a step's rows. */
  private double loss(INDArray activation, INDArray labels) {
    if (classification) {
      return crossEntropy(activation, labels);
    }
    float[] z = activation.dup('c').data().asFloat();
    float[] y = labels.dup('c').data().asFloat();
    int rows = (int) labels.size(0);
    double total = 0;
    for (int r = 0; r < rows; r++) {
      total += (z[r] - y[r]) * (z[r] - y[r]);
    }
    return total / rows;
  }

  /**
   * Mean softmax cross-entropy of {@code logits} against one-hot (or soft) {@code labels}, in double,
   * through the log-sum-exp so that a confident wrong answer costs its true, finite amount.
   */
  static double crossEntropy(INDArray logits, INDArray labels) {
    int rows = (int) logits.size(0);
    int classes = (int) logits.size(1);
    float[] z = logits.dup('c').data().asFloat();
    float[] y = labels.dup('c').data().asFloat();
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, z[r * classes + k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(z[r * classes + k] - max);
      }
      double logSum = max + Math.log(sum);
      for (int k = 0; k < classes; k++) {
        total += y[r * classes + k] * (logSum - z[r * classes + k]);
      }
    }
    return total / rows;
  }

  /** The softmax of the {@code k} logits of {@code z} from {@code offset}, computed stably. */
  public static double[] softmax(float[] z, int offset, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, z[offset + c]);
    }
    double[] p = new double[k];
    double sum = 0;
    for (int c = 0; c < k; c++) {
      p[c] = Math.exp(z[offset + c] - max);
      sum += p[c];
    }
    for (int c = 0; c < k; c++) {
      p[c] /= sum;
    }
    return p;
  }
}
