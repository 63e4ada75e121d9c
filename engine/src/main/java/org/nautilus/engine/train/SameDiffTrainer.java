package org.nautilus.engine.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.nautilus.engine.data.ImageAugmentation;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.optim.TrainingSettings;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.ParamValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains NAS-Bench-201 cells ({@link Nb201Network}) in the JVM with ND4J SameDiff, on shuffled
 * minibatches whose order comes from the request's seed. By default SGD with Nesterov momentum, L2
 * weight decay and a cosine learning-rate schedule over the requested epochs (the config's
 * {@link SameDiffTrainerConfig#trainingSettings()}); a candidate with hyperparameters
 * ({@link CellWithHyperparameters}) overrides them by name ({@link TrainingSettings#with}), and its
 * {@code channels} and {@code cells_per_stage} override the network size; {@code crop_padding} and
 * {@code horizontal_flip} turn on image augmentation ({@link ImageAugmentation}).
 *
 * <p>Per epoch it reports {@code loss} (mean training loss), {@code val_accuracy},
 * {@code val_top5_accuracy}, {@code val_f1_macro}, {@code val_log_loss}, {@code images_per_second}
 * (training only) and {@code epoch_seconds}; {@link TrainingRun#result()} adds the same metrics on the
 * test split ({@code test_...}; the test split is touched only there), {@code best_val_accuracy},
 * {@code epochs_run}, {@code params} and {@code train_seconds}. The same candidate, seed, data and
 * config give the same metrics on the same machine and thread settings (timings aside).
 *
 * <p><b>Threads and devices.</b> A run must be driven by one thread, the one that called
 * {@link #start}. On the CPU backend nothing is pinned: {@link Device#index()} only names the
 * slot. ND4J's CPU thread count is process-wide; with several trainers running concurrently, size
 * it once at start-up (see {@code package-info}). A {@code cuda} device with the CPU backend is a
 * non-retryable {@link TrainingException} at {@link #start}, and so is a cell with a custom op
 * ({@link org.nautilus.nas.space.Nb201Op#custom}), which has no implementation here.
 */
public final class SameDiffTrainer implements Trainer {
  /** Hyperparameter: padding in pixels of a random crop applied to training images (0: none). */
  public static final String CROP_PADDING = "crop_padding";
  /** Hyperparameter: whether to flip half of the training images left to right. */
  public static final String HORIZONTAL_FLIP = "horizontal_flip";

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
    return prepare(request);
  }

  /** As {@link #start}, then loads {@code checkpoint}; the run continues after the checkpoint's epoch. */
  @Override
  public TrainingRun resume(TrainRequest request, Path checkpoint) throws TrainingException {
    SameDiffTrainingRun run = prepare(request);
    try {
      run.restore(checkpoint);
    } catch (TrainingException | RuntimeException e) {
      run.close();
      throw e;
    }
    return run;
  }

  private SameDiffTrainingRun prepare(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    Candidate candidate = request.candidate();
    Configuration hyperparameters = Configuration.of(Map.of());
    if (candidate instanceof CellWithHyperparameters<?> joint) {
      candidate = joint.cell();
      hyperparameters = joint.hyperparameters();
    }
    if (!(candidate instanceof Nb201Cell)) {
      throw new TrainingException("SameDiffTrainer trains NAS-Bench-201 cells, got "
          + candidate.getClass().getSimpleName() + " '" + candidate.canonical() + "'", false);
    }
    Nb201Cell cell = (Nb201Cell) candidate;
    String unsupported = Nb201Network.unsupported(cell);
    if (unsupported != null) {
      throw new TrainingException(unsupported, false);
    }
    if (config.device().kind() != Device.Kind.CPU && Nd4j.getEnvironment().isCPU()) {
      throw new TrainingException("device " + config.device() + " requested but the ND4J backend is the CPU one",
          false);
    }
    TrainingSettings settings;
    ImageAugmentation augmentation;
    int channels;
    int cellsPerStage;
    try {
      settings = config.trainingSettings().with(hyperparameters);
      channels = (int) hyperparameters.get("channels").map(ParamValue::asDouble).orElse((double) config.channels())
          .doubleValue();
      cellsPerStage = (int) hyperparameters.get("cells_per_stage").map(ParamValue::asDouble)
          .orElse((double) config.cellsPerStage()).doubleValue();
      augmentation = augmentation(hyperparameters);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TrainingException(request.candidate().canonical() + ": " + e.getMessage(), false, e);
    }
    Nb201Network network;
    try {
      network = Nb201Network.build(cell, channels, cellsPerStage, data.train().channels(),
          data.train().rows(), data.train().cols(), data.train().numClasses(), request.seed());
    } catch (RuntimeException e) {
      throw new TrainingException("could not build the network for " + cell.canonical() + ": " + e, false, e);
    }
    return new SameDiffTrainingRun(config, settings, augmentation, data, network, request);
  }

  /** {@code crop_padding} (pixels) and {@code horizontal_flip} ({@code true}/{@code false} or 1/0). */
  private static ImageAugmentation augmentation(Configuration hp) {
    int padding = (int) hp.get(CROP_PADDING).map(ParamValue::asDouble).orElse(0.0).doubleValue();
    boolean flip = hp.get(HORIZONTAL_FLIP).map(v -> {
      String text = v.text();
      if (text.equals("true") || text.equals("1")) {
        return true;
      }
      if (text.equals("false") || text.equals("0")) {
        return false;
      }
      throw new IllegalArgumentException("hyperparameter " + HORIZONTAL_FLIP + " must be true or false, got '"
          + text + "'");
    }).orElse(false);
    return new ImageAugmentation(padding, flip);
  }
}
