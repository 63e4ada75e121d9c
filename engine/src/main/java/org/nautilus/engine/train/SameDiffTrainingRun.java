package org.nautilus.engine.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.data.ImageDataset;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.ListenerVariables;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@link SameDiffTrainer} run: one network, trained an epoch per {@link #nextEpoch()} call. */
final class SameDiffTrainingRun implements TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(SameDiffTrainingRun.class);
  /** Training images whose batch statistics set the running statistics after each epoch. */
  static final int CALIBRATION_IMAGES = 512;

  private final SameDiffTrainerConfig config;
  private final ImageData data;
  private Nb201Network network;
  private final TrainRequest request;
  private final StepListener listener;
  private final int batchesPerEpoch;
  private int epoch;
  private long trainedImages;
  private double trainSeconds;
  private double lastLoss = Double.NaN;
  private double lastValAccuracy = Double.NaN;
  private Map<String, Double> result;
  private boolean closed;

  SameDiffTrainingRun(SameDiffTrainerConfig config, ImageData data, Nb201Network network, TrainRequest request)
      throws TrainingException {
    this.config = config;
    this.data = data;
    this.network = network;
    this.request = request;
    int trainSize = data.train().size();
    this.batchesPerEpoch = trainSize / config.batchSize();
    if (batchesPerEpoch < 1) {
      throw new TrainingException("batch size " + config.batchSize() + " exceeds the " + trainSize
          + " training images", false);
    }
    ISchedule learningRate = config.cosineSchedule()
        ? new CosineSchedule(config.learningRate(), (long) batchesPerEpoch * request.epochs())
        : null;
    TrainingConfig training = new TrainingConfig.Builder()
        .updater(learningRate == null
            ? new Nesterovs(config.learningRate(), config.momentum())
            : new Nesterovs(learningRate, config.momentum()))
        .l2(config.weightDecay())
        .dataSetFeatureMapping(Nb201Network.INPUT)
        .dataSetLabelMapping(Nb201Network.LABELS)
        .build();
    network.trainGraph().setTrainingConfig(training);
    this.listener = new StepListener();
    try {
      QuietStdout.run(() -> {
        network.trainGraph().createGradFunction();
        return null;
      });
    } catch (RuntimeException e) {
      throw new TrainingException("could not differentiate the network for " + request.candidate().canonical()
          + ": " + e, false, e);
    }
  }

  /**
   * Trains one epoch of shuffled minibatches, recalibrates batch norm and measures the validation
   * accuracy. Failures are not retryable: ND4J's errors here are deterministic, and a non-finite
   * loss ("loss diverged to NaN at epoch 2, batch 17") recurs with the same seed.
   */
  @Override
  public EpochReport nextEpoch() throws TrainingException {
    if (closed) {
      throw new IllegalStateException("run of trial " + request.trial() + " is closed");
    }
    if (isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " already ran its " + request.epochs()
          + " epochs");
    }
    epoch++;
    ImageDataset train = data.train();
    int batch = config.batchSize();
    int[] order = shuffledOrder(train.size(), request.seed(), epoch);
    float[] pixels = new float[batch * train.imageSize()];
    float[] oneHot = new float[batch * train.numClasses()];
    SameDiff sd = network.trainGraph();
    double lossSum = 0;
    long start = System.nanoTime();
    for (int b = 0; b < batchesPerEpoch; b++) {
      int from = b * batch;
      train.copyImages(order, from, from + batch, pixels);
      Arrays.fill(oneHot, 0f);
      for (int i = 0; i < batch; i++) {
        oneHot[i * train.numClasses() + train.label(order[from + i])] = 1f;
      }
      INDArray features = Nd4j.create(pixels, new long[] {batch, train.channels(), train.rows(), train.cols()}, 'c');
      INDArray labels = Nd4j.create(oneHot, new long[] {batch, train.numClasses()}, 'c');
      try {
        sd.fit(new org.nd4j.linalg.dataset.MultiDataSet(features, labels), listener);
      } catch (RuntimeException e) {
        throw new TrainingException("training failed at epoch " + epoch + ", batch " + (b + 1) + ": " + e, false, e);
      }
      double loss = listener.lastLoss;
      if (!Double.isFinite(loss)) {
        throw new TrainingException("loss diverged to " + loss + " at epoch " + epoch + ", batch " + (b + 1), false);
      }
      lossSum += loss;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long images = (long) batchesPerEpoch * batch;
    trainedImages += images;
    trainSeconds += seconds;
    lastLoss = lossSum / batchesPerEpoch;
    calibrateBatchNorm();
    lastValAccuracy = accuracy(data.validation());
    double epochSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", lastLoss);
    metrics.put("val_accuracy", lastValAccuracy);
    metrics.put("images_per_second", images / seconds);
    metrics.put("epoch_seconds", epochSeconds);
    LOG.debug("trial {} epoch {}: {}", request.trial(), epoch, metrics);
    return new EpochReport(epoch, metrics);
  }

  @Override
  public boolean isFinished() {
    return epoch >= request.epochs();
  }

  @Override
  public Map<String, Double> result() throws TrainingException {
    if (!isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " has run " + epoch + " of "
          + request.epochs() + " epochs");
    }
    if (result == null) {
      if (closed) {
        throw new IllegalStateException("run of trial " + request.trial() + " is closed");
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("val_accuracy", lastValAccuracy);
      metrics.put("test_accuracy", accuracy(data.test()));
      metrics.put("loss", lastLoss);
      metrics.put("params", (double) network.parameterCount());
      metrics.put("images_per_second", trainedImages / trainSeconds);
      metrics.put("train_seconds", trainSeconds);
      result = Map.copyOf(metrics);
    }
    return result;
  }

  /** Drops the graphs; their off-heap arrays are freed when collected. */
  @Override
  public void close() {
    closed = true;
    network = null;
  }

  /**
   * Sets every batch norm's running statistics to the population statistics of its input over the
   * first {@link #CALIBRATION_IMAGES} training images (in minibatches of the training size, batch
   * norm in training mode), with the weights as they are now ("precise BN"). An exponential moving
   * average over the last steps lags behind the weights while the learning rate is high, which
   * made the validation accuracy after early epochs unreliable (0.22 against 0.72 a step later).
   */
  private void calibrateBatchNorm() throws TrainingException {
    ImageDataset train = data.train();
    int batch = config.batchSize();
    int batches = Math.max(1, Math.min(train.size(), CALIBRATION_IMAGES) / batch);
    List<Nb201Network.BatchNorm> sites = network.batchNorms();
    String[] outputs = new String[sites.size() * 2];
    for (int i = 0; i < sites.size(); i++) {
      outputs[2 * i] = sites.get(i).batchMean();
      outputs[2 * i + 1] = sites.get(i).batchVariance();
    }
    INDArray[] sumMean = new INDArray[sites.size()];
    INDArray[] sumSquare = new INDArray[sites.size()];
    int[] order = new int[batches * batch];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    float[] pixels = new float[batch * train.imageSize()];
    try {
      for (int b = 0; b < batches; b++) {
        train.copyImages(order, b * batch, (b + 1) * batch, pixels);
        INDArray features = Nd4j.create(pixels, new long[] {batch, train.channels(), train.rows(), train.cols()}, 'c');
        Map<String, INDArray> stats = network.trainGraph().output(Map.of(Nb201Network.INPUT, features), outputs);
        for (int i = 0; i < sites.size(); i++) {
          INDArray mean = stats.get(outputs[2 * i]);
          INDArray square = stats.get(outputs[2 * i + 1]).add(mean.mul(mean));
          sumMean[i] = sumMean[i] == null ? mean.dup() : sumMean[i].addi(mean);
          sumSquare[i] = sumSquare[i] == null ? square : sumSquare[i].addi(square);
        }
      }
    } catch (RuntimeException e) {
      throw new TrainingException("batch-norm calibration failed after epoch " + epoch + ": " + e, false, e);
    }
    for (int i = 0; i < sites.size(); i++) {
      double check = sumMean[i].sumNumber().doubleValue() + sumSquare[i].sumNumber().doubleValue();
      if (!Double.isFinite(check)) {
        throw new TrainingException("training diverged at epoch " + epoch + ": non-finite activations after the"
            + " last batch (batch norm " + sites.get(i).batchMean().replace("_bmean", "") + ")", false);
      }
    }
    for (int i = 0; i < sites.size(); i++) {
      INDArray mean = sumMean[i].divi(batches);
      INDArray variance = sumSquare[i].divi(batches).subi(mean.mul(mean));
      sites.get(i).runningMean().assign(mean);
      sites.get(i).runningVariance().assign(Transforms.max(variance, 0.0, false));
    }
  }

  /** Fraction of {@code set} classified correctly, with batch norm on running statistics. */
  private double accuracy(ImageDataset set) throws TrainingException {
    SameDiff sd = network.evalGraph();
    int evalBatch = config.evalBatchSize();
    int[] order = new int[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    long correct = 0;
    try {
      for (int from = 0; from < set.size(); from += evalBatch) {
        int to = Math.min(set.size(), from + evalBatch);
        int n = to - from;
        float[] pixels = new float[n * set.imageSize()];
        set.copyImages(order, from, to, pixels);
        INDArray features = Nd4j.create(pixels, new long[] {n, set.channels(), set.rows(), set.cols()}, 'c');
        INDArray logits = sd.output(Map.of(Nb201Network.INPUT, features), Nb201Network.LOGITS)
            .get(Nb201Network.LOGITS);
        INDArray predicted = logits.argMax(1);
        for (int i = 0; i < n; i++) {
          if (predicted.getInt(i) == set.label(from + i)) {
            correct++;
          }
        }
      }
    } catch (RuntimeException e) {
      throw new TrainingException("evaluation failed after epoch " + epoch + ": " + e, false, e);
    }
    return (double) correct / set.size();
  }

  /** A permutation of {@code 0..n-1} that depends only on the seed and the epoch. */
  static int[] shuffledOrder(int n, long seed, int epoch) {
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * epoch));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Reads the training loss of each step from its logits. */
  private static final class StepListener extends BaseListener {
    private final String[] watched = {Nb201Network.LOGITS};
    private boolean sawLoss;
    /** Training loss (mean cross-entropy, without the L2 term) of the last step, from its logits. */
    double lastLoss = Double.NaN;

    @Override
    public boolean isActive(Operation operation) {
      return operation == Operation.TRAINING;
    }

    @Override
    public ListenerVariables requiredVariables(SameDiff sd) {
      return ListenerVariables.builder().trainingVariables(watched).build();
    }

    @Override
    public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName,
        INDArray activation) {
      if (varName.equals(Nb201Network.LOGITS)) {
        lastLoss = crossEntropy(activation, batch.getLabels(0));
        sawLoss = true;
      }
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
      // In 1.0.0-M2.1 a training step runs only the loss gradient op, never the loss op, so the
      // Loss passed here reads 0; the loss comes from the logits in activationAvailable instead.
      if (!sawLoss) {
        lastLoss = Double.NaN;
      }
      sawLoss = false;
    }
  }

  /** Mean softmax cross-entropy of {@code logits} against one-hot {@code labels}, in double. */
  static double crossEntropy(INDArray logits, INDArray labels) {
    int rows = (int) logits.size(0);
    int classes = (int) logits.size(1);
    float[] z = logits.dup('c').data().asFloat();
    float[] y = labels.dup('c').data().asFloat();
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, z[r * classes + k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(z[r * classes + k] - max);
      }
      double logSum = max + Math.log(sum);
      for (int k = 0; k < classes; k++) {
        total += y[r * classes + k] * (logSum - z[r * classes + k]);
      }
    }
    return total / rows;
  }

  /** Half a cosine from the initial rate down to zero over {@code total} iterations. */
  private static final class CosineSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final double initial;
    private final long total;

    CosineSchedule(double initial, long total) {
      this.initial = initial;
      this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
      double progress = Math.min(1.0, (double) iteration / total);
      return initial * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public ISchedule clone() {
      return new CosineSchedule(initial, total);
    }

    @Override
    public String toString() {
      return "CosineSchedule(" + initial + " over " + total + " iterations)";
    }
  }
}
