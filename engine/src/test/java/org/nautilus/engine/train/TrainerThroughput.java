package org.nautilus.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures {@link SameDiffTrainer} on the bundled Fashion-MNIST subset: images/s of one trainer
 * and of two trainers running concurrently (each on its own thread and graphs), the accuracy of a
 * good and a mediocre cell, or the CLI demo's workload. Not a test; run it by hand from the
 * repository root:
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -pl engine -am -Dmdep.outputFile=/tmp/engine-cp.txt
 * OMP_NUM_THREADS=1 java -cp engine/target/test-classes:engine/target/classes:$(cat /tmp/engine-cp.txt) \
 *     org.nautilus.engine.train.TrainerThroughput [channels [cellsPerStage [batch [epochs [lr [mode [cells [seed]]]]]]]]
 * </pre>
 *
 * {@code mode} is {@code single}, {@code pair}, {@code both} (default) or {@code demo} (then the
 * number of random cells, default 8, and their seed, default 1). {@code -Dquiet=true} hides the
 * per-epoch lines; {@code -Dnautilus.nd4j.threads=N} tries ND4J's run-time thread settings
 * ({@code Environment.setMaxMasterThreads/setMaxThreads}, plus {@code setOmpNumThreads} with
 * {@code -Domp=true}), which in 1.0.0-M2.1 did not match {@code OMP_NUM_THREADS=1}.
 */
public final class TrainerThroughput {
  static final String GOOD =
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";
  static final String MEDIOCRE =
      "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|none~1|skip_connect~2|";

  private static final boolean QUIET = Boolean.getBoolean("quiet");

  private TrainerThroughput() {}

  public static void main(String[] args) throws Exception {
    int channels = args.length > 0 ? Integer.parseInt(args[0]) : SameDiffTrainerConfig.DEFAULT_CHANNELS;
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : SameDiffTrainerConfig.DEFAULT_CELLS_PER_STAGE;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : SameDiffTrainerConfig.DEFAULT_BATCH_SIZE;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    double lr = args.length > 4 ? Double.parseDouble(args[4]) : SameDiffTrainerConfig.DEFAULT_LEARNING_RATE;
    String mode = args.length > 5 ? args[5] : "both";
    String threads = System.getProperty("nautilus.nd4j.threads");
    if (threads != null) {
      Nd4j.getEnvironment().setMaxMasterThreads(Integer.parseInt(threads));
      Nd4j.getEnvironment().setMaxThreads(Integer.parseInt(threads));
      if (Boolean.getBoolean("omp")) {
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Integer.parseInt(threads));
      }
    }
    System.out.printf(Locale.ROOT, "ND4J maxThreads=%d maxMasterThreads=%d ompMaxThreads=%d OMP_NUM_THREADS=%s cores=%d%n",
        Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(), org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
        System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors());
    ImageData data = FashionMnist.bundled();
    SameDiffTrainerConfig config = SameDiffTrainerConfig.defaults().withNetwork(channels, cells)
        .withBatchSize(batch).withLearningRate(lr);
    System.out.printf(Locale.ROOT, "C=%d N=%d batch=%d epochs=%d lr=%.3f; train %d, validation %d, test %d%n",
        channels, cells, batch, epochs, lr, data.train().size(), data.validation().size(), data.test().size());
    if (mode.equals("demo")) {
      demo(config, data, epochs, args.length > 6 ? Integer.parseInt(args[6]) : 8,
          args.length > 7 ? Long.parseLong(args[7]) : 1L);
      return;
    }
    if (!mode.equals("pair")) {
      for (String cell : List.of(GOOD, MEDIOCRE)) {
        long t0 = System.nanoTime();
        Map<String, Double> r = train(new SameDiffTrainer(config, data), cell, epochs, 1);
        System.out.printf(Locale.ROOT, "single  %s  %s  wall %.1fs%n", cell, format(r), (System.nanoTime() - t0) / 1e9);
      }
    }
    if (!mode.equals("single")) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      long t0 = System.nanoTime();
      List<Future<Map<String, Double>>> futures = new ArrayList<>();
      for (String cell : List.of(GOOD, MEDIOCRE)) {
        futures.add(pool.submit(() -> train(new SameDiffTrainer(config, data), cell, epochs, 2)));
      }
      double sum = 0;
      for (int i = 0; i < futures.size(); i++) {
        Map<String, Double> r = futures.get(i).get();
        sum += r.get("images_per_second");
        System.out.printf(Locale.ROOT, "pair[%d] %s%n", i, format(r));
      }
      System.out.printf(Locale.ROOT, "pair: aggregate %.0f images/s, wall %.1fs%n", sum, (System.nanoTime() - t0) / 1e9);
      pool.shutdown();
    }
  }

  /**
   * The CLI demo's workload: {@code count} random NAS-Bench-201 cells (from {@code seed}), each for
   * {@code epochs} epochs, on two threads that each take the next cell when idle.
   */
  static void demo(SameDiffTrainerConfig config, ImageData data, int epochs, int count, long seed) throws Exception {
    SearchRandom random = SearchRandom.of(seed);
    Nb201Space space = new Nb201Space();
    List<Nb201Cell> cells = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cells.add(space.sample(random));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    long t0 = System.nanoTime();
    List<Future<String>> futures = new ArrayList<>();
    double[] best = {0};
    for (int i = 0; i < cells.size(); i++) {
      Nb201Cell cell = cells.get(i);
      long trial = i + 1;
      futures.add(pool.submit(() -> {
        long s = System.nanoTime();
        Map<String, Double> r = train(new SameDiffTrainer(config, data), cell.canonical(), epochs, trial);
        synchronized (best) {
          best[0] = Math.max(best[0], r.get("test_accuracy"));
        }
        return String.format(Locale.ROOT, "#%d %-90s %5.1fs %s", trial, cell.canonical(), (System.nanoTime() - s) / 1e9,
            format(r));
      }));
    }
    for (Future<String> f : futures) {
      System.out.println(f.get());
    }
    pool.shutdown();
    System.out.printf(Locale.ROOT, "demo: %d cells x %d epochs on 2 threads: wall %.1fs, best test_accuracy %.4f%n",
        count, epochs, (System.nanoTime() - t0) / 1e9, best[0]);
  }

  static Map<String, Double> train(SameDiffTrainer trainer, String cell, int epochs, long trial) throws TrainingException {
    try (TrainingRun run = trainer.start(new TrainRequest(TrialId.of(trial), Nb201Cell.parse(cell), epochs, 42))) {
      while (!run.isFinished()) {
        EpochReport report = run.nextEpoch();
        if (!QUIET) {
          System.out.printf(Locale.ROOT, "  [%s] epoch %d %s%n", Thread.currentThread().getName(), report.epoch(),
              format(report.metrics()));
        }
      }
      return run.result();
    }
  }

  static String format(Map<String, Double> metrics) {
    StringBuilder s = new StringBuilder();
    metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        s.append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.4g", e.getValue())).append(' '));
    return s.toString().trim();
  }
}
