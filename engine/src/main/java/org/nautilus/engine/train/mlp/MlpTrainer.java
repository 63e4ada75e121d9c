package org.nautilus.engine.train.mlp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.engine.train.optim.TrainingSettings;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an MLP ({@link MlpNetwork}) per candidate on tabular data. A candidate is a hyperparameter
 * {@link Configuration} (or a cell with one, whose cell is ignored): {@code layers}, {@code units},
 * {@code activation}, {@code dropout} and every name {@link TrainingSettings#with} reads.
 *
 * <p>Per epoch it reports {@code loss} and the validation metrics of its task ({@code val_accuracy},
 * {@code val_f1_macro}, {@code val_log_loss}; or {@code val_mse}, {@code val_rmse}, {@code val_mae},
 * {@code val_r2}); the result adds the same on the test split ({@code test_...}), {@code params} and
 * {@code epochs_run}. Early stopping watches the config's objective on the validation split.
 */
public final class MlpTrainer implements Trainer {
  /** Every hyperparameter name a candidate may set: the architecture's, then the training settings'. */
  public static final List<String> HYPERPARAMETERS =
      Stream.concat(MlpArchitecture.NAMES.stream(), TrainingSettings.NAMES.stream()).toList();

  private final MlpTrainerConfig config;
  private final TabularData data;

  /** A trainer for {@code data} with {@code config}. */
  public MlpTrainer(MlpTrainerConfig config, TabularData data) {
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    Configuration hp;
    if (request.candidate() instanceof Configuration c) {
      hp = c;
    } else if (request.candidate() instanceof CellWithHyperparameters<?> joint) {
      hp = joint.hyperparameters();
    } else {
      throw new TrainingException("MlpTrainer trains hyperparameter configurations, got "
          + request.candidate().getClass().getSimpleName() + " '" + request.candidate().canonical() + "'", false);
    }
    if (config.device().kind() != Device.Kind.CPU && Nd4j.getEnvironment().isCPU()) {
      throw new TrainingException("device " + config.device() + " requested but the ND4J backend is the CPU one",
          false);
    }
    MlpArchitecture shape;
    TrainingSettings settings;
    try {
      shape = config.architecture().with(hp);
      settings = config.settings().with(hp);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TrainingException(request.candidate().canonical() + ": " + e.getMessage(), false, e);
    }
    boolean classification = data.train().task() == Task.CLASSIFICATION;
    MlpNetwork network = MlpNetwork.build(shape, data.train().numFeatures(),
        classification ? data.train().numClasses() : 1, classification, request.seed());
    return new MlpTrainingRun(config, settings, shape, data, network, request);
  }
}
