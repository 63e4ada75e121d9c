package org.nautilus.engine.train.mlp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.metric.Predictions;
import org.nautilus.engine.train.DataOrder;
import org.nautilus.engine.train.CheckpointFile;
import org.nautilus.engine.train.EarlyStopping;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.FoldRun;
import org.nautilus.engine.train.GraphState;
import org.nautilus.engine.train.QuietStdout;
import org.nautilus.engine.train.ReportedMetrics;
import org.nautilus.engine.train.StepLoss;
import org.nautilus.engine.train.TargetScale;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.optim.Schedules;
import org.nautilus.engine.train.optim.TrainingSettings;
import org.nautilus.engine.train.optim.Updaters;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One {@link MlpTrainer} run, alone (holdout) or as one fold of a
 * {@link org.nautilus.engine.train.CrossValidatedRun}. Checkpoints ({@link #checkpoint}) hold the weights,
 * the updater state, the iteration and epoch counters and the bookkeeping (last loss and validation
 * metrics, best objective, early-stopping count); data order and dropout masks are pure functions of the
 * seed, the epoch and the minibatch ({@link DataOrder}), so a resumed run continues exactly as the
 * uninterrupted one would have.
 */
final class MlpTrainingRun implements FoldRun {
  private static final long CHECKPOINT_MAGIC = 0x4E4155544D4C5031L; // "NAUTMLP1"
  private static final int CHECKPOINT_VERSION = 1;

  private final MlpTrainerConfig config;
  private final TrainingSettings settings;
  private final MlpArchitecture shape;
  private final TabularData data;
  private final MlpNetwork network;
  private final TrainRequest request;
  private final boolean classification;
  private final int outputs;
  private final int batchesPerEpoch;
  /** Regression targets are trained standardized; outputs are mapped back before any metric. */
  private final TargetScale targetScale;
  private final Metric objective;
  private final StepLoss listener;
  private int epoch;
  private double lastLoss = Double.NaN;
  private Map<String, Double> lastValidation = Map.of();
  private Predictions lastPredictions;
  private final EarlyStopping earlyStop;
  private Map<String, Double> result;
  private boolean closed;

  MlpTrainingRun(MlpTrainerConfig config, TrainingSettings settings, MlpArchitecture shape, TabularData data,
      MlpNetwork network, TrainRequest request, boolean earlyStopping) throws TrainingException {
    this.config = config;
    this.settings = settings;
    this.shape = shape;
    this.data = data;
    this.network = network;
    this.request = request;
    this.classification = data.train().task() == Task.CLASSIFICATION;
    this.targetScale = classification ? TargetScale.IDENTITY : TargetScale.of(data.train().targets());
    this.outputs = classification ? data.train().numClasses() : 1;
    this.objective = Metric.named(config.objective().orElse(classification ? "accuracy" : "rmse"));
    this.listener = new StepLoss(MlpNetwork.OUTPUT, classification);
    // a fold's cross-validated run decides on early stopping
    this.earlyStop = new EarlyStopping(objective.direction(), earlyStopping ? settings.patience() : 0);
    if (objective.regression() == classification) {
      throw new TrainingException("objective " + objective.name() + " does not fit a "
          + data.train().task().name().toLowerCase() + " data set", false);
    }
    this.batchesPerEpoch = data.train().size() / settings.batchSize();
    if (batchesPerEpoch < 1) {
      throw new TrainingException("batch size " + settings.batchSize() + " exceeds the " + data.train().size()
          + " training rows", false);
    }
    TrainingConfig.Builder training = new TrainingConfig.Builder()
        .updater(Updaters.of(settings, Schedules.of(settings.schedule(), settings.learningRate(),
            (long) batchesPerEpoch * request.epochs(), Math.round(settings.warmupEpochs() * batchesPerEpoch))))
        .dataSetFeatureMapping(network.featurePlaceholders())
        .dataSetLabelMapping(MlpNetwork.LABELS);
    if (settings.l1() > 0) {
      training.l1(settings.l1());
    }
    if (settings.l2() > 0) {
      training.l2(settings.l2());
    }
    if (settings.weightDecay() > 0) {
      training.weightDecay(settings.weightDecay(), true);
    }
    network.graph().setTrainingConfig(training.build());
    // now rather than in the first fit, so that ND4J's line per differentiated op stays off stdout
    QuietStdout.differentiate(network.graph(), request.candidate());
  }

  @Override
  public EpochReport nextEpoch() throws TrainingException {
    requireOpen();
    if (isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " already ran its " + epoch + " epochs");
    }
    epoch++;
    TabularDataset train = data.train();
    int batch = settings.batchSize();
    int d = train.numFeatures();
    int[] order = DataOrder.shuffled(train.size(), request.seed(), epoch);
    float[] all = train.features();
    double[] targets = train.targets();
    float[] x = new float[batch * d];
    float[] y = new float[batch * outputs];
    long start = System.nanoTime();
    int layers = network.hiddenLayers();
    // one fit per epoch: ND4J keeps its session and array cache across the epoch's steps (see EpochBatches)
    lastLoss = listener.trainEpoch(network.graph(), epoch, batchesPerEpoch, b -> {
      Arrays.fill(y, 0f);
      for (int i = 0; i < batch; i++) {
        int row = order[b * batch + i];
        System.arraycopy(all, row * d, x, i * d, d);
        if (classification) {
          y[i * outputs + (int) targets[row]] = 1f;
        } else {
          y[i] = targetScale.standardized(targets[row]);
        }
      }
      INDArray[] features = new INDArray[1 + layers];
      features[0] = Nd4j.create(x, new long[] {batch, d}, 'c');
      SplittableRandom random = DataOrder.forBatch(request.seed(), epoch, b);
      for (int layer = 0; layer < layers; layer++) {
        features[1 + layer] = dropoutMask(random, batch);
      }
      return new MultiDataSet(features, new INDArray[] {Nd4j.create(y, new long[] {batch, outputs}, 'c')});
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    lastPredictions = predict(data.validation());
    lastValidation = metrics(lastPredictions, "val_");
    double value = lastValidation.get("val_" + objective.name());
    earlyStop.record(value, epoch, request.epochs());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", lastLoss);
    metrics.putAll(lastValidation);
    metrics.put("rows_per_second", batchesPerEpoch * batch / seconds);
    return new EpochReport(epoch, metrics);
  }

  /** Ends the epoch in progress at its next minibatch; safe from any thread. */
  @Override
  public void requestStop() {
    listener.requestStop();
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
      Map<String, Double> metrics = new LinkedHashMap<>(lastValidation);
      metrics.put("best_val_" + objective.name(), earlyStop.best());
      metrics.putAll(testMetrics());
      metrics.put("loss", lastLoss);
      metrics.put("epochs_run", (double) epoch);
      metrics.put("params", (double) network.parameterCount());
      result = Map.copyOf(metrics);
    }
    return result;
  }

  @Override
  public void close() {
    closed = true; // the graph's off-heap arrays are freed when collected
  }

  @Override
  public Predictions validationPredictions() {
    if (lastPredictions == null) {
      throw new IllegalStateException("trial " + request.trial() + " has no validation predictions before an epoch");
    }
    return lastPredictions;
  }

  @Override
  public Map<String, Double> testMetrics() throws TrainingException {
    requireOpen();
    return metrics(predict(data.test()), "test_");
  }

  @Override
  public long parameterCount() {
    return network.parameterCount();
  }

  /** Writes {@code dir/trial-<n>-epoch-<k>.ckpt} atomically (a temporary file, then a rename). */
  @Override
  public Optional<Path> checkpoint(Path dir) throws IOException {
    requireOpen();
    return Optional.of(CheckpointFile.write(dir, request, epoch, CHECKPOINT_MAGIC, CHECKPOINT_VERSION, this::writeState));
  }

  /** Loads a checkpoint of the same candidate and seed into this fresh run. */
  @Override
  public void restore(Path file) throws TrainingException {
    CheckpointFile.read(file, request, CHECKPOINT_MAGIC, CHECKPOINT_VERSION, "an MLP", this::readState);
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    requireOpen();
    SameDiff sd = network.graph();
    out.writeInt(epoch);
    out.writeInt(sd.getTrainingConfig().getIterationCount());
    out.writeDouble(lastLoss);
    earlyStop.write(out);
    out.writeInt(lastValidation.size());
    for (Map.Entry<String, Double> m : lastValidation.entrySet()) {
      out.writeUTF(m.getKey());
      out.writeDouble(m.getValue());
    }
    GraphState.write(GraphState.arrays(sd), out);
  }

  @Override
  public void readState(DataInputStream in, String source) throws IOException {
    if (epoch != 0) {
      throw new IllegalStateException("restore into a fresh run only, this one has run " + epoch + " epochs");
    }
    int savedEpoch = in.readInt();
    int iteration = in.readInt();
    double loss = in.readDouble();
    earlyStop.read(in);
    int metrics = in.readInt();
    Map<String, Double> validation = new LinkedHashMap<>();
    for (int i = 0; i < metrics; i++) {
      validation.put(in.readUTF(), in.readDouble());
    }
    GraphState.read(GraphState.arrays(network.graph()), in, source);
    network.graph().getTrainingConfig().setIterationCount(iteration);
    network.graph().getTrainingConfig().setEpochCount(savedEpoch);
    epoch = savedEpoch;
    lastLoss = loss;
    lastValidation = Map.copyOf(validation);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("run of trial " + request.trial() + " is closed");
    }
  }

  /** Inverted dropout: each unit kept with probability 1 - p and scaled by 1 / (1 - p). */
  private INDArray dropoutMask(SplittableRandom random, int rows) {
    float[] mask = new float[rows * shape.units()];
    double p = shape.dropout();
    float kept = (float) (1 / (1 - p));
    for (int i = 0; i < mask.length; i++) {
      mask[i] = p == 0 || random.nextDouble() >= p ? kept : 0f;
    }
    return Nd4j.create(mask, new long[] {rows, shape.units()}, 'c');
  }

  /** What the model predicts for {@code set}, against its targets. */
  private Predictions predict(TabularDataset set) throws TrainingException {
    int n = set.size();
    int d = set.numFeatures();
    float[] all = set.features();
    double[][] scores = new double[n][];
    double[] predicted = new double[n];
    SameDiff sd = network.graph();
    try {
      for (int from = 0; from < n; from += config.evalBatchSize()) {
        int rows = Math.min(n, from + config.evalBatchSize()) - from;
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        inputs.put(MlpNetwork.INPUT, Nd4j.create(Arrays.copyOfRange(all, from * d, (from + rows) * d),
            new long[] {rows, d}, 'c'));
        for (int layer = 0; layer < network.hiddenLayers(); layer++) {
          inputs.put(MlpNetwork.mask(layer), Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, shape.units()));
        }
        INDArray out = sd.output(inputs, MlpNetwork.OUTPUT).get(MlpNetwork.OUTPUT);
        float[] values = out.dup('c').data().asFloat();
        for (int i = 0; i < rows; i++) {
          if (classification) {
            scores[from + i] = StepLoss.softmax(values, i * outputs, outputs);
          } else {
            predicted[from + i] = targetScale.original(values[i]);
          }
        }
      }
    } catch (RuntimeException e) {
      throw new TrainingException("evaluation failed after epoch " + epoch + ": " + e, false, e);
    }
    return classification
        ? new Predictions.Classes(set.labels(), scores)
        : new Predictions.Values(set.targets(), predicted);
  }

  /** The task's metrics of {@code predictions}, named with {@code prefix}. */
  private Map<String, Double> metrics(Predictions predictions, String prefix) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String name : ReportedMetrics.of(data.train().task())) {
      metrics.put(prefix + name, Metric.named(name).compute(predictions));
    }
    return metrics;
  }
}
