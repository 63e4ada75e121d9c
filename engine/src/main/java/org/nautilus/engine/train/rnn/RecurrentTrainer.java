package org.nautilus.engine.train.rnn;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.nautilus.engine.data.SequenceData;
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
 * Trains an LSTM or GRU ({@link RecurrentNetwork}) per candidate on fixed-length sequences
 * ({@link SequenceData}). A candidate is a hyperparameter {@link Configuration} (or a cell with one,
 * whose cell is ignored): {@code rnn_cell} ({@code lstm} or {@code gru}), {@code layers}, {@code units},
 * {@code dropout} and every name {@link TrainingSettings#with} reads.
 *
 * <p>Per epoch it reports {@code loss}, the validation metrics of its task ({@code val_accuracy},
 * {@code val_f1_macro}, {@code val_log_loss}; or {@code val_mse}, {@code val_rmse}, {@code val_mae},
 * {@code val_r2}), {@code sequences_per_second} and {@code epoch_seconds}; the result adds the same
 * on the test split ({@code test_...}), {@code best_val_<objective>}, {@code params},
 * {@code epochs_run} and {@code train_seconds}. Early stopping watches the config's objective on the
 * validation split. Runs checkpoint at epoch boundaries and {@link #resume} continues exactly as the
 * uninterrupted run would have.
 */
public final class RecurrentTrainer implements Trainer {
  /** Every hyperparameter name a candidate may set: the architecture's, then the training settings'. */
  public static final List<String> HYPERPARAMETERS =
      Stream.concat(RecurrentArchitecture.NAMES.stream(), TrainingSettings.NAMES.stream()).toList();

  private final RecurrentTrainerConfig config;
  private final SequenceData data;

  /** A trainer for {@code data} with {@code config}. */
  public RecurrentTrainer(RecurrentTrainerConfig config, SequenceData data) {
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    return prepare(request);
  }

  /** As {@link #start}, then loads {@code checkpoint}; the run continues after the checkpoint's epoch. */
  @Override
  public TrainingRun resume(TrainRequest request, Path checkpoint) throws TrainingException {
    RecurrentTrainingRun run = prepare(request);
    try {
      run.restore(checkpoint);
    } catch (TrainingException | RuntimeException e) {
      run.close();
      throw e;
    }
    return run;
  }

  private RecurrentTrainingRun prepare(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    Configuration hp;
    if (request.candidate() instanceof Configuration c) {
      hp = c;
    } else if (request.candidate() instanceof CellWithHyperparameters<?> joint) {
      hp = joint.hyperparameters();
    } else {
      throw new TrainingException("RecurrentTrainer trains hyperparameter configurations, got "
          + request.candidate().getClass().getSimpleName() + " '" + request.candidate().canonical() + "'", false);
    }
    if (config.device().kind() != Device.Kind.CPU && Nd4j.getEnvironment().isCPU()) {
      throw new TrainingException("device " + config.device() + " requested but the ND4J backend is the CPU one",
          false);
    }
    RecurrentArchitecture shape;
    TrainingSettings settings;
    try {
      shape = config.architecture().with(hp);
      settings = config.settings().with(hp);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TrainingException(request.candidate().canonical() + ": " + e.getMessage(), false, e);
    }
    boolean classification = data.data().train().task() == Task.CLASSIFICATION;
    RecurrentNetwork network = RecurrentNetwork.build(shape, data.steps(), data.stepFeatures(),
        classification ? data.data().train().numClasses() : 1, classification, request.seed());
    return new RecurrentTrainingRun(config, settings, data, network, request);
  }
}
