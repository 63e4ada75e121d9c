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
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.ParamValue;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains NAS-Bench-201 cells ({@link Nb201Network}) and DARTS genotypes ({@link DartsNetwork}) in the JVM
 * with ND4J SameDiff, on shuffled minibatches whose order comes from the request's seed. By default SGD with Nesterov momentum, L2
 * weight decay and a cosine learning-rate schedule over the requested epochs (the config's
 * {@link SameDiffTrainerConfig#trainingSettings()}); a candidate with hyperparameters
 * ({@link CellWithHyperparameters}) overrides them by name ({@link TrainingSettings#with}), and its
 * {@code channels} and {@code cells_per_stage} override the network size (a DARTS network has
 * {@code 3 * cells_per_stage + 2} cells, N normal cells per stage and two reduction cells, unless
 * {@code layers} sets the total; {@code dropout} sets its classifier's dropout); {@code crop_padding} and
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

  /** Hyperparameter: channels of the first stage (C), overriding the config's. */
  public static final String CHANNELS = "channels";
  /** Hyperparameter: cells per stage (N), overriding the config's; a DARTS network has 3N + 2 cells. */
  public static final String CELLS_PER_STAGE = "cells_per_stage";
  /** Hyperparameter (DARTS): the number of cells, DARTS's {@code layers}, overriding 3N + 2. */
  public static final String LAYERS = "layers";
  /** Hyperparameter (DARTS): dropout probability before the classifier (default 0). */
  public static final String DROPOUT = "dropout";

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
    return RestorableRun.resumed(prepare(request), checkpoint);
  }

  private SameDiffTrainingRun prepare(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    Candidate candidate = request.candidate();
    Configuration hyperparameters = Configuration.of(Map.of());
    if (candidate instanceof CellWithHyperparameters<?> joint) {
      candidate = joint.cell();
      hyperparameters = joint.hyperparameters();
    }
    if (!(candidate instanceof Nb201Cell) && !(candidate instanceof DartsCell)) {
      throw new TrainingException("SameDiffTrainer trains NAS-Bench-201 and DARTS cells, got "
          + candidate.getClass().getSimpleName() + " '" + candidate.canonical() + "'", false);
    }
    String unsupported = candidate instanceof Nb201Cell nb201 ? Nb201Network.unsupported(nb201)
        : DartsNetwork.unsupported((DartsCell) candidate);
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
    int layers;
    double dropout;
    try {
      settings = config.trainingSettings().with(hyperparameters);
      channels = positive(hyperparameters, CHANNELS, config.channels());
      cellsPerStage = positive(hyperparameters, CELLS_PER_STAGE, config.cellsPerStage());
      layers = positive(hyperparameters, LAYERS, 3 * cellsPerStage + 2);
      dropout = hyperparameters.get(DROPOUT).map(ParamValue::asDouble).orElse(0.0);
      augmentation = augmentation(hyperparameters);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TrainingException(request.candidate().canonical() + ": " + e.getMessage(), false, e);
    }
    ImageNetwork network;
    try {
      network = candidate instanceof Nb201Cell nb201
          ? Nb201Network.build(nb201, channels, cellsPerStage, data.train().channels(), data.train().rows(),
              data.train().cols(), data.train().numClasses(), request.seed())
          : DartsNetwork.build((DartsCell) candidate, channels, layers, data.train().channels(),
              data.train().rows(), data.train().cols(), data.train().numClasses(), dropout, request.seed());
    } catch (RuntimeException e) {
      throw new TrainingException("could not build the network for " + candidate.canonical() + ": "
          + e.getMessage(), false, e);
    }
    return new SameDiffTrainingRun(config, settings, augmentation, data, network, request);
  }

  /** A whole number >= 1 from {@code hp}, else {@code fallback}; throws naming the hyperparameter. */
  private static int positive(Configuration hp, String name, int fallback) {
    double value = hp.get(name).map(ParamValue::asDouble).orElse((double) fallback);
    if (value != Math.rint(value) || value < 1 || value > 65_536) {
      throw new IllegalArgumentException("hyperparameter " + name + " must be an integer in 1..65536, got " + value);
    }
    return (int) value;
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
