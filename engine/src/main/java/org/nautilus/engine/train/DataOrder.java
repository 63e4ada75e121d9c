package org.nautilus.engine.train;

import java.util.SplittableRandom;

/** Seeded, epoch-dependent orders and streams for trainers: pure functions, so an epoch number is a generator state. */
public final class DataOrder {
  private DataOrder() {}

  /** A permutation of {@code 0..n-1} that depends only on the seed and the epoch. */
  public static int[] shuffled(int n, long seed, int epoch) {
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

  /** A generator for minibatch {@code batch} of {@code epoch} (e.g. dropout masks), from the seed alone. */
  public static SplittableRandom forBatch(long seed, int epoch, int batch) {
    long z = seed + 0x9E3779B97F4A7C15L * (((long) epoch << 32) ^ batch) + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
