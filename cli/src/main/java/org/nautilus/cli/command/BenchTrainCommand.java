package org.nautilus.cli.command;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nautilus.cli.Nautilus;
import org.nautilus.cli.UserError;
import org.nautilus.engine.train.TrainingThroughput;
import org.nautilus.nas.space.DartsCell;
import org.nautilus.nas.space.Nb201Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nautilus bench train}: training throughput of one NAS-Bench-201 or DARTS network on synthetic
 * 28x28x1 images, printed as one line ending in {@code images_per_s=<number>} so that any reference
 * implementation ({@code bench/scripts/torch_nb201.py}, {@code bench/scripts/torch_darts.py}) can be
 * timed the same way. A DARTS network has {@code 3N + 2} cells ({@code --cells} N normal cells per stage
 * and two reduction cells), so N=2 is DARTS's 8-cell search network and N=6 its 20-cell CIFAR one.
 *
 * <p>ND4J sizes its CPU thread pools once, from {@code OMP_NUM_THREADS}, when it loads (and ignores
 * later changes, see {@code engine.train}'s package documentation); so when that variable does not
 * already equal {@code --threads}, the command runs itself again in a child JVM with it set.
 */
@Command(name = "train", description = "Time training steps of a NAS-Bench-201 or DARTS network on synthetic 28x28x1 data.")
public final class BenchTrainCommand implements Callable<Integer> {
  /** Set in the child JVM so that it never re-runs itself again. */
  static final String CHILD_PROPERTY = "nautilus.bench.train.child";

  /** NAS-Bench-201's best cell. */
  static final String NB201_BEST = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1"
      + "|nor_conv_3x3~2|";
  /** DARTS_V2, the genotype of the DARTS paper (second-order search). */
  static final String DARTS_V2 = "normal=[sep_conv_3x3~0,sep_conv_3x3~1|sep_conv_3x3~0,sep_conv_3x3~1"
      + "|skip_connect~0,sep_conv_3x3~1|skip_connect~0,dil_conv_3x3~2]+reduce=[max_pool_3x3~0,max_pool_3x3~1"
      + "|max_pool_3x3~1,skip_connect~2|max_pool_3x3~0,skip_connect~2|max_pool_3x3~1,skip_connect~2]";

  @Option(names = "--space", defaultValue = "nb201", description = "The search space: nb201 or darts (default: ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--candidate", paramLabel = "CELL",
      description = "The cell, as a NAS-Bench-201 or DARTS string (default: NAS-Bench-201's best cell; DARTS_V2).")
  String candidate;

  @Option(names = "--cells", defaultValue = "1",
      description = "Cells per stage, N; a DARTS network has 3N + 2 cells (default: ${DEFAULT-VALUE}).")
  int cells;

  @Option(names = "--channels", defaultValue = "16", description = "Channels of the first stage, C (default: ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--batch", defaultValue = "128", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "20", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", defaultValue = "1", description = "CPU threads, as OMP_NUM_THREADS (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!space.equals("nb201") && !space.equals("darts")) {
      throw new UserError("--space must be nb201 or darts, got '" + space + "'");
    }
    boolean darts = space.equals("darts");
    if (candidate == null) {
      candidate = darts ? DARTS_V2 : NB201_BEST;
    }
    Nb201Cell nb201 = null;
    DartsCell dartsCell = null;
    try {
      if (darts) {
        dartsCell = DartsCell.parse(candidate);
      } else {
        nb201 = Nb201Cell.parse(candidate);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError("--candidate '" + candidate + "' is not a " + (darts ? "DARTS" : "NAS-Bench-201")
          + " cell: " + e.getMessage(), e);
    }
    check(cells >= 1 && cells <= 64, "--cells", cells, "1..64");
    check(channels >= 1 && channels <= 1024, "--channels", channels, "1..1024");
    check(batch >= 1 && batch <= 65_536, "--batch", batch, "1..65536");
    check(steps >= 1, "--steps", steps, ">= 1");
    check(warmup >= 0, "--warmup", warmup, ">= 0");
    check(threads >= 1 && threads <= 1024, "--threads", threads, "1..1024");
    if (!Integer.toString(threads).equals(System.getenv("OMP_NUM_THREADS")) && !Boolean.getBoolean(CHILD_PROPERTY)) {
      return runInChild();
    }
    TrainingThroughput.Result result;
    try {
      result = darts ? TrainingThroughput.darts(dartsCell, channels, 3 * cells + 2, batch, warmup, steps, seed)
          : TrainingThroughput.nb201(nb201, channels, cells, batch, warmup, steps, seed);
    } catch (IllegalArgumentException e) {
      throw new UserError("--candidate '" + candidate + "': " + e.getMessage(), e);
    }
    System.out.printf(Locale.ROOT, "nautilus nd4j-samediff %s C=%d N=%d batch=%d threads=%d steps=%d params=%d "
        + "seconds=%.3f peak_rss_mib=%.1f images_per_s=%.1f%n", space, channels, cells, batch, threads, steps,
        result.parameters(), result.seconds(), peakRssMib(), result.imagesPerSecond());
    return 0;
  }

  /** Runs this command again in a child JVM with {@code OMP_NUM_THREADS=--threads}; returns its status. */
  private int runInChild() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-D" + CHILD_PROPERTY + "=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Nautilus.class.getName());
    command.addAll(List.of("bench", "train", "--space", space, "--candidate", candidate, "--cells",
        Integer.toString(cells), "--channels", Integer.toString(channels), "--batch", Integer.toString(batch),
        "--steps", Integer.toString(steps), "--warmup", Integer.toString(warmup), "--threads",
        Integer.toString(threads), "--seed", Long.toString(seed)));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
    return builder.start().waitFor();
  }

  /** Peak resident memory of this process (Linux {@code VmHWM}), or NaN where unknown. */
  static double peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no figure
    }
    return Double.NaN;
  }

  private static void check(boolean ok, String option, int value, String range) {
    if (!ok) {
      throw new UserError(option + " must be " + range + ", got " + value);
    }
  }
}
