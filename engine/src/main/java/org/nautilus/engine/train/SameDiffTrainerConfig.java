package org.nautilus.engine.train;

import java.util.Objects;
import java.util.OptionalDouble;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.optim.LrSchedule;
import org.nautilus.engine.train.optim.Optimizer;
import org.nautilus.engine.train.optim.TrainingSettings;

/**
 * Settings of a {@link SameDiffTrainer}: the device, the network size (NAS-Bench-201's C and N), and
 * SGD with Nesterov momentum, L2 weight decay and an optional cosine learning-rate schedule that
 * anneals to zero over the epochs of each request.
 *
 * @param device where to train; on the CPU backend nothing is pinned (see {@link SameDiffTrainer})
 * @param channels C, the channels of the first stage (doubled at each of the two reductions)
 * @param cellsPerStage N, the cells in each of the three stages
 * @param batchSize training minibatch size; an incomplete last minibatch of an epoch is dropped
 * @param learningRate initial (and, without the schedule, constant) learning rate
 * @param momentum Nesterov momentum
 * @param weightDecay L2 coefficient added to every parameter's gradient (PyTorch's SGD weight_decay)
 * @param cosineSchedule whether the learning rate follows a half cosine to zero over the run
 * @param evalBatchSize images per forward pass when measuring validation and test accuracy
 */
public record SameDiffTrainerConfig(Device device, int channels, int cellsPerStage, int batchSize,
    double learningRate, double momentum, double weightDecay, boolean cosineSchedule, int evalBatchSize) {

  /** Default C: measured to train the demo's 8 x 2 epochs within budget on 2 cores. */
  public static final int DEFAULT_CHANNELS = 8;
  /** Default N. */
  public static final int DEFAULT_CELLS_PER_STAGE = 1;
  /** Default minibatch size. */
  public static final int DEFAULT_BATCH_SIZE = 64;
  /** Default initial learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 0.1;

  public SameDiffTrainerConfig {
    Objects.requireNonNull(device, "device");
    require(channels >= 1 && channels <= 1024, "channels", channels, "1..1024");
    require(cellsPerStage >= 1 && cellsPerStage <= 64, "cellsPerStage", cellsPerStage, "1..64");
    require(batchSize >= 2 && batchSize <= 65_536, "batchSize", batchSize, "2..65536");
    require(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate, "> 0");
    require(momentum >= 0 && momentum < 1, "momentum", momentum, "[0, 1)");
    require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay, ">= 0");
    require(evalBatchSize >= 1 && evalBatchSize <= 65_536, "evalBatchSize", evalBatchSize, "1..65536");
  }

  /** The defaults on {@code cpu:0}. */
  public static SameDiffTrainerConfig defaults() {
    return defaults(Device.cpu(0));
  }

  /** The defaults on {@code device}: C=8, N=1, batch 64, learning rate 0.1 with the cosine schedule,
   * Nesterov momentum 0.9, weight decay 5e-4, evaluation batches of 500. */
  public static SameDiffTrainerConfig defaults(Device device) {
    return new SameDiffTrainerConfig(device, DEFAULT_CHANNELS, DEFAULT_CELLS_PER_STAGE, DEFAULT_BATCH_SIZE,
        DEFAULT_LEARNING_RATE, 0.9, 5e-4, true, 500);
  }

  /** This config on another device. */
  public SameDiffTrainerConfig withDevice(Device newDevice) {
    return new SameDiffTrainerConfig(newDevice, channels, cellsPerStage, batchSize, learningRate, momentum,
        weightDecay, cosineSchedule, evalBatchSize);
  }

  /** This config with another network size. */
  public SameDiffTrainerConfig withNetwork(int newChannels, int newCellsPerStage) {
    return new SameDiffTrainerConfig(device, newChannels, newCellsPerStage, batchSize, learningRate, momentum,
        weightDecay, cosineSchedule, evalBatchSize);
  }

  /** This config with another minibatch size. */
  public SameDiffTrainerConfig withBatchSize(int newBatchSize) {
    return new SameDiffTrainerConfig(device, channels, cellsPerStage, newBatchSize, learningRate, momentum,
        weightDecay, cosineSchedule, evalBatchSize);
  }

  /** This config with another initial learning rate. */
  public SameDiffTrainerConfig withLearningRate(double newLearningRate) {
    return new SameDiffTrainerConfig(device, channels, cellsPerStage, batchSize, newLearningRate, momentum,
        weightDecay, cosineSchedule, evalBatchSize);
  }

  /**
   * The optimization settings these fields describe (Nesterov momentum, L2 {@code weightDecay}, cosine
   * or constant schedule, {@code batchSize}), which a candidate's hyperparameters may override.
   */
  public TrainingSettings trainingSettings() {
    return new TrainingSettings(Optimizer.NESTEROV, learningRate, momentum, 0.9, 0.999, OptionalDouble.empty(), 0, 0,
        weightDecay, cosineSchedule ? LrSchedule.COSINE : LrSchedule.CONSTANT, 0, 0, 0, batchSize);
  }

  private static void require(boolean ok, String field, Object value, String range) {
    if (!ok) {
      throw new IllegalArgumentException(field + " must be " + range + ", got " + value);
    }
  }
}
