package org.nautilus.engine.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nautilus.engine.data.ImageAugmentation;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.data.ImageDataset;
import org.nautilus.engine.metric.Metric;
import org.nautilus.engine.metric.Predictions;
import org.nautilus.engine.train.optim.Schedules;
import org.nautilus.engine.train.optim.TrainingSettings;
import org.nautilus.engine.train.optim.Updaters;
import org.nautilus.nas.search.Direction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link SameDiffTrainer} run: one network, trained an epoch per {@link #nextEpoch()} call (one
 * {@code fit} over the epoch's {@link EpochBatches}, so that SameDiff's array cache lives for the epoch) with the
 * optimizer, schedule and regularization of its {@link TrainingSettings} and the requested
 * {@link ImageAugmentation} (seeded per minibatch), stopping early when the
 * validation accuracy has not improved for {@code patience} epochs.
 *
 * <p><b>Checkpoints</b> ({@link #checkpoint}) hold every weight, the batch-norm running statistics,
 * every updater state array, the iteration and epoch counters and the run's bookkeeping (losses,
 * best validation accuracy, images trained). That is all the state there is: the data order and any
 * other randomness are pure functions of the seed and the epoch ({@link #shuffledOrder}), so the
 * epoch number is the random generator's state, and a resumed run continues exactly as the
 * uninterrupted one would have.
 */
final class SameDiffTrainingRun implements RestorableRun {
  private static final Logger LOG = LoggerFactory.getLogger(SameDiffTrainingRun.class);
  /** Training images whose batch statistics set the running statistics after each epoch. */
  static final int CALIBRATION_IMAGES = 512;
  /** First bytes of a checkpoint file. */
  private static final long CHECKPOINT_MAGIC = 0x4E415554434B5054L; // "NAUTCKPT"
  /** 2 adds the last validation metrics (version 1 files still load, without them). */
  private static final int CHECKPOINT_VERSION = 2;

  private final SameDiffTrainerConfig config;
  private final TrainingSettings settings;
  private final ImageAugmentation augmentation;
  private final ImageData data;
  private ImageNetwork network;
  private final TrainRequest request;
  private final StepLoss listener;
  private final int batchesPerEpoch;
  private int epoch;
  private long trainedImages;
  private double trainSeconds;
  private double lastLoss = Double.NaN;
  private double lastValAccuracy = Double.NaN;
  private Map<String, Double> lastValidation = Map.of();
  private final EarlyStopping earlyStop;
  private Map<String, Double> result;
  private boolean closed;

  SameDiffTrainingRun(SameDiffTrainerConfig config, TrainingSettings settings, ImageAugmentation augmentation,
      ImageData data, ImageNetwork network, TrainRequest request) throws TrainingException {
    this.config = config;
    this.settings = settings;
    this.augmentation = augmentation;
    this.data = data;
    this.network = network;
    this.request = request;
    int trainSize = data.train().size();
    this.batchesPerEpoch = trainSize / settings.batchSize();
    if (batchesPerEpoch < 1) {
      throw new TrainingException("batch size " + settings.batchSize() + " exceeds the " + trainSize
          + " training images", false);
    }
    long totalIterations = (long) batchesPerEpoch * request.epochs();
    ISchedule learningRate = Schedules.of(settings.schedule(), settings.learningRate(), totalIterations,
        Math.round(settings.warmupEpochs() * batchesPerEpoch));
    TrainingConfig.Builder training = new TrainingConfig.Builder()
        .updater(Updaters.of(settings, learningRate))
        .dataSetFeatureMapping(network.featurePlaceholders())
        .dataSetLabelMapping(ImageNetwork.LABELS);
    if (settings.l1() > 0) {
      training.l1(settings.l1());
    }
    if (settings.l2() > 0) {
      training.l2(settings.l2());
    }
    if (settings.weightDecay() > 0) {
      training.weightDecay(settings.weightDecay(), true);
    }
    network.trainGraph().setTrainingConfig(training.build());
    this.listener = new StepLoss(ImageNetwork.LOGITS, true);
    this.earlyStop = new EarlyStopping(Direction.MAXIMIZE, settings.patience());
    QuietStdout.differentiate(network.trainGraph(), request.candidate());
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
      throw new IllegalStateException("trial " + request.trial() + " already ran its " + epoch + " epochs");
    }
    epoch++;
    ImageDataset train = data.train();
    int batch = settings.batchSize();
    int[] order = shuffledOrder(train.size(), request.seed(), epoch);
    float[] pixels = new float[batch * train.imageSize()];
    float[] oneHot = new float[batch * train.numClasses()];
    SameDiff sd = network.trainGraph();
    long start = System.nanoTime();
    // one fit per epoch: ND4J keeps its session and array cache across the epoch's steps (see EpochBatches)
    double meanLoss = listener.trainEpoch(sd, epoch, batchesPerEpoch, b -> {
      int from = b * batch;
      train.copyImages(order, from, from + batch, pixels);
      augmentation.apply(pixels, batch, train.channels(), train.rows(), train.cols(),
          DataOrder.forBatch(request.seed(), epoch, b));
      Arrays.fill(oneHot, 0f);
      for (int i = 0; i < batch; i++) {
        oneHot[i * train.numClasses() + train.label(order[from + i])] = 1f;
      }
      INDArray[] features = features(Nd4j.create(pixels,
          new long[] {batch, train.channels(), train.rows(), train.cols()}, 'c'), batch, b);
      INDArray labels = Nd4j.create(oneHot, new long[] {batch, train.numClasses()}, 'c');
      return new org.nd4j.linalg.dataset.MultiDataSet(features, new INDArray[] {labels});
    });
    double seconds = (System.nanoTime() - start) / 1e9;
    long images = (long) batchesPerEpoch * batch;
    trainedImages += images;
    trainSeconds += seconds;
    lastLoss = meanLoss;
    calibrateBatchNorm();
    Map<String, Double> validation = evaluate(data.validation(), "val_");
    lastValAccuracy = validation.get("val_accuracy");
    lastValidation = validation;
    earlyStop.record(lastValAccuracy, epoch, request.epochs());
    double epochSeconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("loss", lastLoss);
    metrics.putAll(validation);
    metrics.put("images_per_second", images / seconds);
    metrics.put("epoch_seconds", epochSeconds);
    LOG.debug("trial {} epoch {}: {}", request.trial(), epoch, metrics);
    return new EpochReport(epoch, metrics);
  }

  /**
   * The images of minibatch {@code b} followed by the network's per-step inputs (dropout masks), drawn
   * from a stream of their own so that they do not shift the augmentation's.
   */
  private INDArray[] features(INDArray images, int batch, int b) {
    INDArray[] extra = network.stepInputs(batch, DataOrder.forBatch(~request.seed(), epoch, b));
    INDArray[] all = new INDArray[1 + extra.length];
    all[0] = images;
    System.arraycopy(extra, 0, all, 1, extra.length);
    return all;
  }

  /** Ends the epoch in progress at its next minibatch; safe from any thread. */
  @Override
  public void requestStop() {
    listener.requestStop();
  }

  /** True once all requested epochs have run, or early stopping ended the run. */
  @Override
  public boolean isFinished() {
    return epoch >= request.epochs() || earlyStop.stopped();
  }

  /**
   * The last epoch's validation metrics, the same on the test split ({@code test_...}; the test
   * split is touched only here), {@code best_val_accuracy}, {@code epochs_run}, {@code params},
   * {@code images_per_second} and {@code train_seconds}.
   */
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
      metrics.putAll(lastValidation);
      metrics.put("best_val_accuracy", earlyStop.best());
      metrics.putAll(evaluate(data.test(), "test_"));
      metrics.put("loss", lastLoss);
      metrics.put("epochs_run", (double) epoch);
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

  /** Writes {@code dir/trial-<n>-epoch-<k>.ckpt} atomically (a temporary file, then a rename). */
  @Override
  public Optional<Path> checkpoint(Path dir) throws IOException {
    if (closed) {
      throw new IllegalStateException("run of trial " + request.trial() + " is closed");
    }
    Files.createDirectories(dir);
    Path file = dir.resolve("trial-" + request.trial().value() + "-epoch-" + epoch + ".ckpt");
    Path temporary = dir.resolve(file.getFileName() + ".tmp");
    SameDiff sd = network.trainGraph();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
      out.writeLong(CHECKPOINT_MAGIC);
      out.writeInt(CHECKPOINT_VERSION);
      out.writeUTF(request.candidate().canonical());
      out.writeLong(request.seed());
      out.writeInt(epoch);
      out.writeInt(sd.getTrainingConfig().getIterationCount());
      out.writeLong(trainedImages);
      out.writeDouble(trainSeconds);
      out.writeDouble(lastLoss);
      out.writeDouble(lastValAccuracy);
      earlyStop.write(out);
      out.writeInt(lastValidation.size());
      for (Map.Entry<String, Double> m : lastValidation.entrySet()) {
        out.writeUTF(m.getKey());
        out.writeDouble(m.getValue());
      }
      Map<String, INDArray> arrays = stateArrays();
      out.writeInt(arrays.size());
      for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
        out.writeUTF(entry.getKey());
        Nd4j.write(entry.getValue(), out);
      }
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Optional.of(file);
  }

  /**
   * Loads a checkpoint written by {@link #checkpoint} for the same candidate and seed into this fresh
   * run, which then continues from the epoch after it.
   */
  @Override
  public void restore(Path file) throws TrainingException {
    if (epoch != 0) {
      throw new IllegalStateException("restore into a fresh run only, this one has run " + epoch + " epochs");
    }
    String name = file.getFileName().toString();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readLong() != CHECKPOINT_MAGIC) {
        throw new TrainingException(name + ": not a Nautilus checkpoint (bad magic number at byte 0)", false);
      }
      int version = in.readInt();
      if (version != 1 && version != CHECKPOINT_VERSION) {
        throw new TrainingException(name + ": checkpoint version " + version + ", expected " + CHECKPOINT_VERSION,
            false);
      }
      String candidate = in.readUTF();
      long seed = in.readLong();
      if (!candidate.equals(request.candidate().canonical()) || seed != request.seed()) {
        throw new TrainingException(name + ": checkpoint of " + candidate + " with seed " + seed + ", not of "
            + request.candidate().canonical() + " with seed " + request.seed(), false);
      }
      int savedEpoch = in.readInt();
      int iteration = in.readInt();
      long images = in.readLong();
      double seconds = in.readDouble();
      double loss = in.readDouble();
      double valAccuracy = in.readDouble();
      earlyStop.read(in);
      Map<String, Double> validation = new LinkedHashMap<>();
      if (version >= 2) {
        int metrics = in.readInt();
        for (int i = 0; i < metrics; i++) {
          validation.put(in.readUTF(), in.readDouble());
        }
      }
      Map<String, INDArray> arrays = stateArrays();
      int count = in.readInt();
      if (count != arrays.size()) {
        throw new TrainingException(name + ": " + count + " state arrays, this network has " + arrays.size(), false);
      }
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        INDArray saved = Nd4j.read(in);
        INDArray target = arrays.get(key);
        if (target == null || !Arrays.equals(target.shape(), saved.shape())) {
          throw new TrainingException(name + ": state array '" + key + "' " + Arrays.toString(saved.shape())
              + " does not fit this network", false);
        }
        target.assign(saved);
      }
      network.trainGraph().getTrainingConfig().setIterationCount(iteration);
      network.trainGraph().getTrainingConfig().setEpochCount(savedEpoch);
      epoch = savedEpoch;
      trainedImages = images;
      trainSeconds = seconds;
      lastLoss = loss;
      lastValAccuracy = valAccuracy;
      lastValidation = Map.copyOf(validation);
    } catch (IOException | RuntimeException e) {
      throw new TrainingException(name + ": unreadable checkpoint: " + e, false, e);
    }
  }

  /**
   * Every array a checkpoint holds, by a stable name, in sorted order: weights ({@code w:}), batch-norm
   * running statistics ({@code bn:}) and updater state ({@code u:}); the live arrays, so assigning to
   * them restores the state.
   */
  private Map<String, INDArray> stateArrays() {
    Map<String, INDArray> arrays = new TreeMap<>(GraphState.arrays(network.trainGraph()));
    List<BatchNormSite> sites = network.batchNorms();
    for (int i = 0; i < sites.size(); i++) {
      arrays.put(String.format("bn:%04d:mean", i), sites.get(i).runningMean());
      arrays.put(String.format("bn:%04d:variance", i), sites.get(i).runningVariance());
    }
    return arrays;
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
    int batch = settings.batchSize();
    int batches = Math.max(1, Math.min(train.size(), CALIBRATION_IMAGES) / batch);
    List<BatchNormSite> sites = network.batchNorms();
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
        Map<String, INDArray> stats = network.trainGraph().output(Map.of(ImageNetwork.INPUT, features), outputs);
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

  /**
   * Metrics of {@code set} with batch norm on running statistics, named {@code prefix + name}:
   * {@code accuracy}, {@code top5_accuracy} (with 5 classes or more), {@code f1_macro} and
   * {@code log_loss} (of the softmax of the logits).
   */
  private Map<String, Double> evaluate(ImageDataset set, String prefix) throws TrainingException {
    SameDiff sd = network.evalGraph();
    int evalBatch = config.evalBatchSize();
    int classes = set.numClasses();
    int[] order = new int[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    long correct = 0;
    double[][] probabilities = new double[set.size()][];
    try {
      for (int from = 0; from < set.size(); from += evalBatch) {
        int to = Math.min(set.size(), from + evalBatch);
        int n = to - from;
        float[] pixels = new float[n * set.imageSize()];
        set.copyImages(order, from, to, pixels);
        INDArray features = Nd4j.create(pixels, new long[] {n, set.channels(), set.rows(), set.cols()}, 'c');
        INDArray logits = sd.output(Map.of(ImageNetwork.INPUT, features), ImageNetwork.LOGITS)
            .get(ImageNetwork.LOGITS);
        INDArray predicted = logits.argMax(1);
        float[] z = logits.dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
          if (predicted.getInt(i) == set.label(from + i)) {
            correct++;
          }
          probabilities[from + i] = StepLoss.softmax(z, i * classes, classes);
        }
      }
    } catch (RuntimeException e) {
      throw new TrainingException("evaluation failed after epoch " + epoch + ": " + e, false, e);
    }
    Predictions predictions = new Predictions.Classes(set.labels(), probabilities);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(prefix + "accuracy", (double) correct / set.size());
    if (classes >= 5) {
      metrics.put(prefix + "top5_accuracy", Metric.named("top5_accuracy").compute(predictions));
    }
    metrics.put(prefix + "f1_macro", Metric.named("f1_macro").compute(predictions));
    metrics.put(prefix + "log_loss", Metric.named("log_loss").compute(predictions));
    return metrics;
  }

  /** A permutation of {@code 0..n-1} that depends only on the seed and the epoch. */
  static int[] shuffledOrder(int n, long seed, int epoch) {
    return DataOrder.shuffled(n, seed, epoch);
  }
}
