package org.nautilus.engine.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.metric.Predictions;

/**
 * One candidate cross-validated: one model per fold ({@link FoldRun}s built from the same request, so
 * each starts from the same seed-derived weights and sees its fold's rows in a seed-derived order),
 * trained <b>interleaved, epoch by epoch</b>: epoch e of this run is epoch e of every fold, then one
 * report. The reports therefore stay per epoch, and what the scheduler, early stopping and the objective
 * see after epoch e is the cross-validated estimate after e epochs. (Training the folds one after
 * another would report nothing comparable until the last fold began.) The cost is memory, all k models
 * at once, and time: an epoch takes k fold-epochs, and a stop request, which takes effect between
 * epochs, waits up to that long.
 *
 * <p><b>Validation metrics</b> ({@link Pooling}): for k folds, each {@code val_<m>} is the mean over the
 * folds of that fold's metric on its own validation rows, and {@code val_<m>_std} their (population)
 * standard deviation; for leave-one-out, where a metric of one row is often undefined (R², F1) or
 * something else (the RMSE of one row is its absolute error), the n held-out predictions are pooled and
 * each {@code val_<m>} is computed once over them. {@code loss} is the folds' mean training loss.
 *
 * <p><b>Early stopping</b> ({@code patience}) watches the objective's cross-validated value; the folds
 * never stop on their own. <b>Test metrics</b>, measured once at the end on the test split (never used
 * during the search): every fold's model is measured on it, and {@code test_<m>} is the mean over the
 * folds, {@code test_<m>_std} the standard deviation: the expected test performance of a model trained
 * this way, and how much it depends on the rows it was given. (No ensemble of the fold models is
 * measured: the candidate is one model, and its estimate should not mix in the gain of averaging k.)
 * The result also holds {@code best_val_<objective>}, {@code params} (of one model), {@code folds},
 * {@code epochs_run} and {@code train_seconds} (of all folds).
 *
 * <p><b>Checkpoints</b> hold every fold's state (as {@link FoldRun#writeState}) and this run's
 * bookkeeping in one file, so a resumed run continues exactly as the uninterrupted one would have.
 */
public final class CrossValidatedRun implements RestorableRun {
  private static final long CHECKPOINT_MAGIC = 0x4E41555443563031L; // "NAUTCV01"
  private static final int CHECKPOINT_VERSION = 1;

  /** How per-fold validation predictions become one estimate. */
  public enum Pooling {
    /** Each metric per fold, then their mean and standard deviation (k-fold). */
    MEAN_OF_FOLDS,
    /** All folds' held-out predictions together, each metric once (leave-one-out). */
    POOLED_PREDICTIONS
  }

  private final TrainRequest request;
  private final List<? extends FoldRun> folds;
  private final Task task;
  private final Metric objective;
  private final Pooling pooling;
  private int epoch;
  private double trainSeconds;
  private double lastLoss = Double.NaN;
  private Map<String, Double> lastValidation = Map.of();
  private final EarlyStopping earlyStop;
  private Map<String, Double> result;
  private boolean closed;

  /**
   * A run over {@code folds} (fresh, at least 2, built for {@code request}, none stopping early on its own).
   *
   * @param task the data's task, which names the metrics ({@link ReportedMetrics})
   * @param objective the metric early stopping watches, without prefix
   * @param patience epochs without a better cross-validated objective before stopping, 0 for never
   */
  public CrossValidatedRun(TrainRequest request, List<? extends FoldRun> folds, Task task, Metric objective,
      int patience, Pooling pooling) {
    this.request = request;
    this.folds = List.copyOf(folds);
    this.task = task;
    this.objective = objective;
    this.pooling = pooling;
    if (this.folds.size() < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + this.folds.size());
    }
    this.earlyStop = new EarlyStopping(objective.direction(), patience);
  }

  /** The number of folds. */
  public int folds() {
    return folds.size();
  }

  @Override
  public EpochReport nextEpoch() throws TrainingException {
    requireOpen();
    if (isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " already ran its " + epoch + " epochs");
    }
    long start = System.nanoTime();
    List<EpochReport> reports = new ArrayList<>(folds.size());
    for (int f = 0; f < folds.size(); f++) {
      try {
        reports.add(folds.get(f).nextEpoch());
      } catch (TrainingException e) {
        throw new TrainingException("fold " + (f + 1) + " of " + folds.size() + ": " + e.getMessage(), e.retryable(),
            e);
      }
    }
    epoch++;
    trainSeconds += (System.nanoTime() - start) / 1e9;
    lastLoss = mean(reports.stream().map(r -> r.metrics().get("loss")).toList());
    lastValidation = validation(reports);
    double value = lastValidation.get("val_" + objective.name());
    earlyStop.record(value, epoch, request.epochs());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", lastLoss);
    metrics.putAll(lastValidation);
    for (String key : reports.get(0).metrics().keySet()) {
      List<Double> values = reports.stream().map(r -> r.metrics().get(key)).toList();
      if (key.endsWith("_per_second")) {
        metrics.put(key, harmonicMean(values)); // the folds' rows over their summed time (equal-sized folds)
      } else if (key.endsWith("_seconds")) {
        metrics.put(key, values.stream().mapToDouble(Double::doubleValue).sum());
      }
    }
    return new EpochReport(epoch, metrics);
  }

  /** The cross-validated {@code val_} metrics of the folds' last epoch. */
  private Map<String, Double> validation(List<EpochReport> reports) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (pooling == Pooling.POOLED_PREDICTIONS) {
      Predictions pooled = pool(folds.stream().map(FoldRun::validationPredictions).toList());
      for (String name : ReportedMetrics.of(task)) {
        metrics.put("val_" + name, Metric.named(name).compute(pooled));
      }
      return metrics;
    }
    for (String name : ReportedMetrics.of(task)) {
      List<Double> values = reports.stream().map(r -> r.metrics().get("val_" + name)).toList();
      metrics.put("val_" + name, mean(values));
      metrics.put("val_" + name + "_std", std(values));
    }
    return metrics;
  }

  @Override
  public boolean isFinished() {
    return epoch >= request.epochs() || earlyStop.stopped();
  }

  @Override
  public Map<String, Double> result() throws TrainingException {
    if (!isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " has run " + epoch + " of "
          + request.epochs() + " epochs");
    }
    if (result == null) {
      requireOpen();
      List<Map<String, Double>> tests = new ArrayList<>();
      for (FoldRun fold : folds) {
        tests.add(fold.testMetrics());
      }
      Map<String, Double> metrics = new LinkedHashMap<>(lastValidation);
      metrics.put("best_val_" + objective.name(), earlyStop.best());
      for (String name : ReportedMetrics.of(task)) {
        List<Double> values = tests.stream().map(t -> t.get("test_" + name)).toList();
        metrics.put("test_" + name, mean(values));
        metrics.put("test_" + name + "_std", std(values));
      }
      metrics.put("loss", lastLoss);
      metrics.put("epochs_run", (double) epoch);
      metrics.put("params", (double) folds.get(0).parameterCount());
      metrics.put("folds", (double) folds.size());
      metrics.put("train_seconds", trainSeconds);
      result = Map.copyOf(metrics);
    }
    return result;
  }

  /** Asks every fold's run to stop at its next minibatch: the fold in progress ends its epoch there. */
  @Override
  public void requestStop() {
    folds.forEach(FoldRun::requestStop);
  }

  @Override
  public void close() {
    closed = true;
    for (FoldRun fold : folds) {
      fold.close();
    }
  }

  /** Writes {@code dir/trial-<n>-epoch-<k>.ckpt} atomically (a temporary file, then a rename). */
  @Override
  public Optional<Path> checkpoint(Path dir) throws IOException {
    requireOpen();
    return Optional.of(CheckpointFile.write(dir, request, epoch, CHECKPOINT_MAGIC, CHECKPOINT_VERSION, out -> {
      out.writeInt(folds.size());
      out.writeInt(epoch);
      out.writeDouble(trainSeconds);
      out.writeDouble(lastLoss);
      earlyStop.write(out);
      out.writeInt(lastValidation.size());
      for (Map.Entry<String, Double> m : lastValidation.entrySet()) {
        out.writeUTF(m.getKey());
        out.writeDouble(m.getValue());
      }
      for (FoldRun fold : folds) {
        fold.writeState(out);
      }
    }));
  }

  /** Loads a checkpoint of the same candidate, seed and number of folds into this fresh run. */
  @Override
  public void restore(Path file) throws TrainingException {
    if (epoch != 0) {
      throw new IllegalStateException("restore into a fresh run only, this one has run " + epoch + " epochs");
    }
    CheckpointFile.read(file, request, CHECKPOINT_MAGIC, CHECKPOINT_VERSION, "a cross-validation", (in, name) -> {
      int k = in.readInt();
      if (k != folds.size()) {
        throw new TrainingException(name + ": checkpoint over " + k + " folds, not " + folds.size(), false);
      }
      int savedEpoch = in.readInt();
      double seconds = in.readDouble();
      double loss = in.readDouble();
      earlyStop.read(in);
      int count = in.readInt();
      Map<String, Double> validation = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        validation.put(in.readUTF(), in.readDouble());
      }
      for (FoldRun fold : folds) {
        fold.readState(in, name);
      }
      epoch = savedEpoch;
      trainSeconds = seconds;
      lastLoss = loss;
      lastValidation = Map.copyOf(validation);
    });
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("run of trial " + request.trial() + " is closed");
    }
  }

  /** The folds' predictions as one set, in fold order. */
  static Predictions pool(List<Predictions> parts) {
    if (parts.get(0) instanceof Predictions.Values) {
      int n = parts.stream().mapToInt(p -> ((Predictions.Values) p).actual().length).sum();
      double[] actual = new double[n];
      double[] predicted = new double[n];
      int at = 0;
      for (Predictions p : parts) {
        Predictions.Values v = (Predictions.Values) p;
        System.arraycopy(v.actual(), 0, actual, at, v.actual().length);
        System.arraycopy(v.predicted(), 0, predicted, at, v.predicted().length);
        at += v.actual().length;
      }
      return new Predictions.Values(actual, predicted);
    }
    int n = parts.stream().mapToInt(p -> ((Predictions.Classes) p).actual().length).sum();
    int[] actual = new int[n];
    double[][] scores = new double[n][];
    int at = 0;
    for (Predictions p : parts) {
      Predictions.Classes c = (Predictions.Classes) p;
      System.arraycopy(c.actual(), 0, actual, at, c.actual().length);
      System.arraycopy(c.scores(), 0, scores, at, c.scores().length);
      at += c.actual().length;
    }
    return new Predictions.Classes(actual, scores);
  }

  static double mean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** Population standard deviation (numpy's {@code std}). */
  static double std(List<Double> values) {
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.size());
  }

  private static double harmonicMean(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += 1 / v;
    }
    return values.size() / sum;
  }
}
