package org.nautilus.engine.train;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.Nb201Cell;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Training throughput of the NAS-Bench-201 and DARTS networks, measured the way any reference
 * implementation can be timed: SGD with Nesterov momentum (learning rate 0.1, momentum 0.9, L2
 * 5e-4, the trainer's defaults) on one fixed minibatch of synthetic images (uniform pixels, uniform
 * labels, from the seed), {@code warmup} untimed steps then {@code steps} timed ones, all in one
 * {@code fit} call as the trainer runs an epoch ({@link EpochBatches}). Data loading
 * is excluded, as in {@code bench/scripts/torch_nb201.py} and {@code bench/scripts/torch_darts.py}.
 */
public final class TrainingThroughput {
  /**
   * What was measured.
   *
   * @param parameters live trainable parameters of the network
   * @param images images trained in the timed steps
   * @param seconds wall time of the timed steps
   */
  public record Result(long parameters, long images, double seconds) {
    /** Training images per second. */
    public double imagesPerSecond() {
      return images / seconds;
    }
  }

  private TrainingThroughput() {}

  /**
   * Builds the NAS-Bench-201 network for {@code cell} (C = {@code channels}, N = {@code cellsPerStage},
   * 28x28x1 input, 10 classes) and times {@code steps} training steps on minibatches of {@code batch}.
   */
  public static Result nb201(Nb201Cell cell, int channels, int cellsPerStage, int batch, int warmup, int steps,
      long seed) {
    Objects.requireNonNull(cell, "cell");
    check(batch, warmup, steps);
    return time(Nb201Network.build(cell, channels, cellsPerStage, 1, 28, 28, CLASSES, seed), batch, warmup, steps,
        seed);
  }

  /**
   * Builds the DARTS network for {@code cell} (C = {@code channels}, {@code layers} cells, no dropout,
   * 28x28x1 input, 10 classes) and times {@code steps} training steps on minibatches of {@code batch}.
   */
  public static Result darts(DartsCell cell, int channels, int layers, int batch, int warmup, int steps, long seed) {
    Objects.requireNonNull(cell, "cell");
    check(batch, warmup, steps);
    return time(DartsNetwork.build(cell, channels, layers, 1, 28, 28, CLASSES, 0, seed), batch, warmup, steps, seed);
  }

  private static void check(int batch, int warmup, int steps) {
    if (batch < 1 || warmup < 0 || steps < 1) {
      throw new IllegalArgumentException("bad run: batch " + batch + ", warmup " + warmup + ", steps " + steps);
    }
  }

  private static final int CLASSES = 10;

  private static Result time(ImageNetwork network, int batch, int warmup, int steps, long seed) {
    int classes = CLASSES;
    SameDiff sd = network.trainGraph();
    sd.setTrainingConfig(new TrainingConfig.Builder()
        .updater(new Nesterovs(SameDiffTrainerConfig.DEFAULT_LEARNING_RATE, 0.9))
        .l2(5e-4)
        .dataSetFeatureMapping(ImageNetwork.INPUT)
        .dataSetLabelMapping(ImageNetwork.LABELS)
        .build());
    QuietStdout.run(() -> {
      sd.createGradFunction();
      return null;
    });
    SplittableRandom random = new SplittableRandom(seed);
    float[] pixels = new float[batch * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    float[] oneHot = new float[batch * classes];
    for (int i = 0; i < batch; i++) {
      oneHot[i * classes + random.nextInt(classes)] = 1f;
    }
    INDArray features = Nd4j.create(pixels, new long[] {batch, 1, 28, 28}, 'c');
    INDArray labels = Nd4j.create(oneHot, new long[] {batch, classes}, 'c');
    MultiDataSet data = new MultiDataSet(features, labels);
    // one fit over all steps, as the trainer fits an epoch (one session, one array cache); the clock
    // starts when the last warm-up step is done
    long[] start = {System.nanoTime()};
    int[] done = {0};
    BaseListener clock = new BaseListener() {
      @Override
      public boolean isActive(Operation operation) {
        return operation == Operation.TRAINING;
      }

      @Override
      public void iterationDone(SameDiff s, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, Loss loss) {
        if (++done[0] == warmup) {
          start[0] = System.nanoTime();
        }
      }
    };
    sd.fit(new EpochBatches(warmup + steps, b -> data, () -> false), 1, clock);
    double seconds = (System.nanoTime() - start[0]) / 1e9;
    return new Result(network.parameterCount(), (long) batch * steps, seconds);
  }
}
