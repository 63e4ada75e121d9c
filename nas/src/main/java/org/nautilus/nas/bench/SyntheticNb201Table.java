package org.nautilus.nas.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;

/**
 * A seeded generator of a synthetic, NAS-Bench-201-shaped tabular benchmark: one row for each of the
 * 15,625 cells, for tests and benchmarks (the project ships no third-party data).
 *
 * <p>Columns: {@value #CANDIDATE} (the cell's canonical string), {@value #VALID_ACC} (a 12-epoch
 * validation accuracy, the search signal), {@value #TEST_ACC} (a "200-epoch" test accuracy to report,
 * correlated with the search signal but not equal to it) and {@value #TRAIN_TIME} (seconds of the
 * 12-epoch training, the cost). The model behind them:
 * <ul>
 *   <li>a quality score: per-op effects (convolutions best, then skip, pooling, none) scaled by a
 *       seeded per-edge weight, plus a seeded effect per (edge, op), plus seeded pairwise interactions
 *       for every pair of edges and ops;
 *   <li>test accuracy {@code 94.5 - 35 exp(-score / 4)} plus noise; a cell whose output is not
 *       connected to its input through non-{@code none} edges guesses (10% plus noise), as in NB201;
 *   <li>validation accuracy lower and noisier, with 3x3 convolutions learning slower in 12 epochs, so
 *       the search signal ranks cells imperfectly;
 *   <li>cost 60 s plus 25 s per 3x3 conv, 10 s per 1x1 conv, 4 s per pool and 1 s per skip, times
 *       1 + 3% noise (about 110 s for an average cell, so a 12,000 s budget buys about 100 evaluations).
 * </ul>
 * Everything is computed with {@link StrictMath} from a {@link SearchRandom}: the same seed gives a
 * byte-identical file on every JVM.
 */
public final class SyntheticNb201Table {
  /** Column of canonical cell strings. */
  public static final String CANDIDATE = TableColumns.CANDIDATE;
  /** Column of the search signal. */
  public static final String VALID_ACC = "valid_acc";
  /** Column of the reported accuracy. */
  public static final String TEST_ACC = "test_acc";
  /** Column of the cost in seconds. */
  public static final String TRAIN_TIME = "train_time";

  private static final int OPS = Nb201Op.builtIns().size();
  /** Base quality of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3. */
  private static final double[] OP_QUALITY = {0.0, 1.2, 2.2, 3.0, 0.7};
  /** Seconds each op adds to a 12-epoch training, same order. */
  private static final double[] OP_SECONDS = {0.0, 1.0, 10.0, 25.0, 4.0};

  private SyntheticNb201Table() {}

  /** The roles of the columns: objective {@code valid_acc}, cost {@code train_time}, report {@code test_acc}. */
  public static TableColumns columns() {
    return TableColumns.of(VALID_ACC, TRAIN_TIME, TEST_ACC);
  }

  /** Writes the table generated from {@code seed} to {@code file} (UTF-8), replacing it. */
  public static void write(Path file, long seed) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(out, seed);
    }
  }

  /** Writes the table generated from {@code seed}: a header, then the cells in index order. */
  public static void write(Writer out, long seed) throws IOException {
    SearchRandom random = SearchRandom.of(seed);
    double[] edgeWeight = new double[Nb201Cell.EDGES];
    double[][] edgeOp = new double[Nb201Cell.EDGES][OPS];
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      edgeWeight[e] = StrictMath.max(0.4, 1 + 0.3 * gaussian(random));
      for (int o = 0; o < OPS; o++) {
        edgeOp[e][o] = o == 0 ? 0 : 0.3 * gaussian(random);
      }
    }
    double[][][][] interaction = new double[Nb201Cell.EDGES][Nb201Cell.EDGES][OPS][OPS];
    for (int a = 0; a < Nb201Cell.EDGES; a++) {
      for (int b = a + 1; b < Nb201Cell.EDGES; b++) {
        for (int x = 0; x < OPS; x++) {
          for (int y = 0; y < OPS; y++) {
            interaction[a][b][x][y] = 0.25 * gaussian(random);
          }
        }
      }
    }
    StringBuilder line = new StringBuilder(160);
    out.write(CANDIDATE + "," + VALID_ACC + "," + TEST_ACC + "," + TRAIN_TIME + "\n");
    int[] ops = new int[Nb201Cell.EDGES];
    for (int index = 0; index < Nb201Space.SIZE; index++) {
      Nb201Cell cell = Nb201Cell.ofIndex(index);
      double score = 0;
      double seconds = 60;
      int conv3 = 0;
      for (int e = 0; e < Nb201Cell.EDGES; e++) {
        ops[e] = Nb201Op.builtIns().indexOf(cell.edges().get(e));
        score += edgeWeight[e] * OP_QUALITY[ops[e]] + edgeOp[e][ops[e]];
        seconds += OP_SECONDS[ops[e]];
        conv3 += ops[e] == Nb201Op.builtIns().indexOf(Nb201Op.NOR_CONV_3X3) ? 1 : 0;
      }
      for (int a = 0; a < Nb201Cell.EDGES; a++) {
        for (int b = a + 1; b < Nb201Cell.EDGES; b++) {
          score += interaction[a][b][ops[a]][ops[b]];
        }
      }
      double test;
      double valid;
      if (connected(ops)) {
        double quality = 94.5 - 35 * StrictMath.exp(-StrictMath.max(0, score) / 4);
        test = quality + 0.15 * gaussian(random);
        valid = 0.92 * quality - 6 - 0.6 * conv3 + 0.8 * gaussian(random);
      } else {
        test = 10 + 0.3 * gaussian(random);
        valid = 10 + 0.5 * gaussian(random);
      }
      seconds *= 1 + 0.03 * gaussian(random);
      line.setLength(0);
      line.append(cell.canonical()).append(',')
          .append(String.format(Locale.ROOT, "%.4f,%.4f,%.3f", valid, StrictMath.min(test, 99.99), seconds))
          .append('\n');
      out.write(line.toString());
    }
  }

  /** The table generated from {@code seed}, read in memory with {@link #columns()}. */
  public static TabularBenchmark benchmark(long seed) {
    StringWriter text = new StringWriter(1 << 20);
    try {
      write(text, seed);
      return TabularBenchmark.read(new StringReader(text.toString()), "synthetic-nb201-" + seed + ".csv",
          new Nb201Space(), columns());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True if node 3 is reachable from node 0 through edges that are not {@code none}. */
  static boolean connected(int[] ops) {
    boolean[] reached = new boolean[Nb201Cell.NODES];
    reached[0] = true;
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      if (ops[e] != Nb201Op.builtIns().indexOf(Nb201Op.NONE) && reached[Nb201Cell.sourceNode(e)]) {
        reached[Nb201Cell.targetNode(e)] = true;
      }
    }
    return reached[Nb201Cell.NODES - 1];
  }

  private static double gaussian(SearchRandom random) {
    double u = 1 - random.nextDouble(); // (0, 1]
    double v = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
  }
}
