package org.nautilus.engine.train;

import java.util.Objects;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.nas.space.Nb201Cell;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains NAS-Bench-201 cells ({@link Nb201Network}) in the JVM with ND4J SameDiff: SGD with
 * Nesterov momentum, L2 weight decay and a cosine learning-rate schedule over the requested epochs,
 * on shuffled minibatches whose order comes from the request's seed.
 *
 * <p>Per epoch it reports {@code loss} (mean training loss), {@code val_accuracy},
 * {@code images_per_second} (training only) and {@code epoch_seconds}; {@link TrainingRun#result()}
 * adds {@code test_accuracy} (the test split is touched only there), {@code params} and
 * {@code train_seconds}. The same candidate, seed, data and config give the same metrics on the
 * same machine and thread settings (timings aside).
 *
 * <p><b>Threads and devices.</b> A run must be driven by one thread, the one that called
 * {@link #start}. On the CPU backend nothing is pinned: {@link Device#index()} only names the
 * slot. ND4J's CPU thread count is process-wide; with several trainers running concurrently, size
 * it once at start-up (see {@code package-info}). A {@code cuda} device with the CPU backend is a
 * non-retryable {@link TrainingException} at {@link #start}, and so is a cell with a custom op
 * ({@link org.nautilus.nas.space.Nb201Op#custom}), which has no implementation here.
 */
public final class SameDiffTrainer implements Trainer {
  private final SameDiffTrainerConfig config;
  private final ImageData data;

  /** A trainer for {@code data} with {@code config}; cheap, builds nothing until {@link #start}. */
  public SameDiffTrainer(SameDiffTrainerConfig config, ImageData data) {
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
  }

  /** The configuration. */
  public SameDiffTrainerConfig config() {
    return config;
  }

  /** The data it trains and evaluates on. */
  public ImageData data() {
    return data;
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    if (!(request.candidate() instanceof Nb201Cell)) {
      throw new TrainingException("SameDiffTrainer trains NAS-Bench-201 cells, got "
          + request.candidate().getClass().getSimpleName() + " '" + request.candidate().canonical() + "'", false);
    }
    String unsupported = Nb201Network.unsupported((Nb201Cell) request.candidate());
    if (unsupported != null) {
      throw new TrainingException(unsupported, false);
    }
    if (config.device().kind() != Device.Kind.CPU && Nd4j.getEnvironment().isCPU()) {
      throw new TrainingException("device " + config.device() + " requested but the ND4J backend is the CPU one",
          false);
    }
    Nb201Cell cell = (Nb201Cell) request.candidate();
    Nb201Network network;
    try {
      network = Nb201Network.build(cell, config.channels(), config.cellsPerStage(), data.train().channels(),
          data.train().rows(), data.train().cols(), data.train().numClasses(), request.seed());
    } catch (RuntimeException e) {
      throw new TrainingException("could not build the network for " + cell.canonical() + ": " + e, false, e);
    }
    return new SameDiffTrainingRun(config, data, network, request);
  }
}
