package org.nautilus.engine.train.mlp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.Task;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.metric.Predictions;
import org.nautilus.engine.train.DataOrder;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.QuietStdout;
import org.nautilus.engine.train.ReportedMetrics;
import org.nautilus.engine.train.StepLoss;
import org.nautilus.engine.train.TargetScale;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.engine.train.optim.Schedules;
import org.nautilus.engine.train.optim.TrainingSettings;
import org.nautilus.engine.train.optim.Updaters;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** One {@link MlpTrainer} run. */
final class MlpTrainingRun implements TrainingRun {

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
  private double best = Double.NaN;
  private int epochsSinceBest;
  private boolean stoppedEarly;
  private Map<String, Double> result;

  MlpTrainingRun(MlpTrainerConfig config, TrainingSettings settings, MlpArchitecture shape, TabularData data,
      MlpNetwork network, TrainRequest request) throws TrainingException {
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
    lastValidation = evaluate(data.validation(), "val_");
    double value = lastValidation.get("val_" + objective.name());
    if (Double.isNaN(best) || objective.direction().better(value, best)) {
      best = value;
      epochsSinceBest = 0;
    } else {
      epochsSinceBest++;
    }
    stoppedEarly = settings.patience() > 0 && epochsSinceBest >= settings.patience() && epoch < request.epochs();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", lastLoss);
    metrics.putAll(lastValidation);
    metrics.put("rows_per_second", batchesPerEpoch * batch / seconds);
    return new EpochReport(epoch, metrics);
  }

  @Override
  public boolean isFinished() {
    return epoch >= request.epochs() || stoppedEarly;
  }

  @Override
  public Map<String, Double> result() throws TrainingException {
    if (!isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " has run " + epoch + " of "
          + request.epochs() + " epochs");
    }
    if (result == null) {
      Map<String, Double> metrics = new LinkedHashMap<>(lastValidation);
      metrics.put("best_val_" + objective.name(), best);
      metrics.putAll(evaluate(data.test(), "test_"));
      metrics.put("loss", lastLoss);
      metrics.put("epochs_run", (double) epoch);
      metrics.put("params", (double) network.parameterCount());
      result = Map.copyOf(metrics);
    }
    return result;
  }

  @Override
  public void close() {
    // the graph's off-heap arrays are freed when collected
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

  /** The task's metrics on {@code set}, named with {@code prefix}. */
  private Map<String, Double> evaluate(TabularDataset set, String prefix) throws TrainingException {
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
    Predictions predictions = classification
        ? new Predictions.Classes(set.labels(), scores)
        : new Predictions.Values(set.targets(), predicted);
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String name : ReportedMetrics.of(set.task())) {
      metrics.put(prefix + name, Metric.named(name).compute(predictions));
    }
    return metrics;
  }
}
