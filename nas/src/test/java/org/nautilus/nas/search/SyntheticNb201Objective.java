package org.nautilus.nas.search;

import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;

/**
 * A seeded, made-up objective over the 15,625 NAS-Bench-201 cells for search-quality tests: per-edge op
 * scores, pairwise interactions between edges, and a fixed noise per cell, all from one seed. Higher is
 * better; values lie roughly in [0, 10].
 *
 * <p>Edge {@code e}'s score for op {@code o} is {@code w_e * base_o + 0.3 g}, with base quality by op
 * (none 0, skip 1.2, conv1x1 2.2, conv3x3 3.0, pool 0.7, as in NB201's ranking) and seeded edge weights
 * {@code w_e}; every pair of edges adds a seeded {@code 0.25 g} per pair of ops; each cell gets its own
 * {@code 0.3 g} of noise ({@code g} standard normal).
 */
public final class SyntheticNb201Objective {
  private static final double[] BASE = {0.0, 1.2, 2.2, 3.0, 0.7};
  private static final int EDGES = 6;
  private static final int OPS = 5;

  private final Nb201Space space = new Nb201Space();
  private final double[] values = new double[Nb201Space.SIZE];

  public SyntheticNb201Objective(long seed) {
    SearchRandom random = SearchRandom.of(seed);
    double[][] edge = new double[EDGES][OPS];
    for (int e = 0; e < EDGES; e++) {
      double w = Math.max(0.2, 0.5 + 0.3 * gaussian(random));
      for (int o = 0; o < OPS; o++) {
        edge[e][o] = w * BASE[o] + 0.3 * gaussian(random);
      }
    }
    double[][][][] pair = new double[EDGES][EDGES][OPS][OPS];
    for (int i = 0; i < EDGES; i++) {
      for (int j = i + 1; j < EDGES; j++) {
        for (int a = 0; a < OPS; a++) {
          for (int b = 0; b < OPS; b++) {
            pair[i][j][a][b] = 0.25 * gaussian(random);
          }
        }
      }
    }
    int[] d = new int[EDGES];
    for (int index = 0; index < values.length; index++) {
      int rest = index;
      for (int e = EDGES - 1; e >= 0; e--) {
        d[e] = rest % OPS;
        rest /= OPS;
      }
      double v = 0.3 * gaussian(random);
      for (int i = 0; i < EDGES; i++) {
        v += edge[i][d[i]];
        for (int j = i + 1; j < EDGES; j++) {
          v += pair[i][j][d[i]][d[j]];
        }
      }
      values[index] = v;
    }
  }

  private static double gaussian(SearchRandom random) { // Box-Muller, one of the pair
    double u = 1 - random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
  }

  public Nb201Space space() {
    return space;
  }

  /** The objective of {@code cell}. */
  public double of(Nb201Cell cell) {
    int index = 0;
    for (int d : space.decisions(cell)) {
      index = index * OPS + d;
    }
    return values[index];
  }

  /** The objective of a cell given by its canonical string. */
  public double of(String canonical) {
    return of(space.parse(canonical));
  }

  /** The best objective of all cells. */
  public double max() {
    double best = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      best = Math.max(best, v);
    }
    return best;
  }

  /** The value at quantile {@code q} (0..1) of all cells' objectives. */
  public double quantile(double q) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
