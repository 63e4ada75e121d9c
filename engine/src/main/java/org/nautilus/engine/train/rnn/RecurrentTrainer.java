package org.nautilus.engine.train.rnn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.nautilus.engine.data.SequenceData;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.train.CrossValidatedRun;
import org.nautilus.engine.train.RestorableRun;
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
 *
 * <p>A trainer made by {@link #crossValidated} trains one model per fold and reports cross-validated
 * metrics ({@link CrossValidatedRun}).
 */
public final class RecurrentTrainer implements Trainer {
  /** Every hyperparameter name a candidate may set: the architecture's, then the training settings'. */
  public static final List<String> HYPERPARAMETERS =
      Stream.concat(RecurrentArchitecture.NAMES.stream(), TrainingSettings.NAMES.stream()).toList();

  private final RecurrentTrainerConfig config;
  private final List<SequenceData> folds;
  /** Empty for one holdout split. */
  private final Optional<CrossValidatedRun.Pooling> pooling;

  /** A trainer for {@code data} with {@code config}. */
  public RecurrentTrainer(RecurrentTrainerConfig config, SequenceData data) {
    this(config, List.of(Objects.requireNonNull(data, "data")), Optional.empty());
  }

  private RecurrentTrainer(RecurrentTrainerConfig config, List<SequenceData> folds,
      Optional<CrossValidatedRun.Pooling> pooling) {
    this.config = Objects.requireNonNull(config, "config");
    this.folds = List.copyOf(folds);
    this.pooling = pooling;
  }

  /**
   * A trainer that cross-validates each candidate over {@code folds} (at least 2, e.g. from
   * {@link SequenceData#folds}), pooling their validation predictions as {@code pooling} says.
   */
  public static RecurrentTrainer crossValidated(RecurrentTrainerConfig config, List<SequenceData> folds,
      CrossValidatedRun.Pooling pooling) {
    if (folds.size() < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds.size());
    }
    return new RecurrentTrainer(config, folds, Optional.of(Objects.requireNonNull(pooling, "pooling")));
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

  private RestorableRun prepare(TrainRequest request) throws TrainingException {
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
    if (pooling.isEmpty()) {
      return fold(folds.get(0), shape, settings, request, true);
    }
    List<RecurrentTrainingRun> runs = new ArrayList<>();
    try {
      for (SequenceData data : folds) {
        runs.add(fold(data, shape, settings, request, false));
      }
    } catch (TrainingException | RuntimeException e) {
      runs.forEach(RecurrentTrainingRun::close);
      throw e;
    }
    Task task = folds.get(0).data().train().task();
    Metric objective = Metric.named(config.objective().orElse(task == Task.CLASSIFICATION ? "accuracy" : "rmse"));
    return new CrossValidatedRun(request, runs, task, objective, settings.patience(), pooling.get());
  }

  /** One model on {@code data}, its weights from the request's seed (the same for every fold). */
  private RecurrentTrainingRun fold(SequenceData data, RecurrentArchitecture shape, TrainingSettings settings,
      TrainRequest request, boolean earlyStopping) throws TrainingException {
    boolean classification = data.data().train().task() == Task.CLASSIFICATION;
    RecurrentNetwork network = RecurrentNetwork.build(shape, data.steps(), data.stepFeatures(),
        classification ? data.data().train().numClasses() : 1, classification, request.seed());
    return new RecurrentTrainingRun(config, settings, data, network, request, earlyStopping);
  }
}
