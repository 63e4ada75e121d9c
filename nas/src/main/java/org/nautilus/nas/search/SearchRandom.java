package org.nautilus.nas.search;

/**
 * A seeded, snapshot-able random generator for searchers (SplitMix64 over a counter).
 *
 * <p>Written here rather than taken from the JDK because {@link java.util.SplittableRandom} and the
 * Commons Math generators expose no state: a searcher's {@code snapshot()} must capture the generator
 * exactly, and here that is two longs.
 */
public final class SearchRandom {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long seed;
  private long counter;

  private SearchRandom(long seed, long counter) {
    this.seed = seed;
    this.counter = counter;
  }

  /** A generator seeded with {@code seed}. */
  public static SearchRandom of(long seed) {
    return new SearchRandom(seed, 0);
  }

  /** A generator restored to the state given by {@link #seed()} and {@link #counter()}. */
  public static SearchRandom restore(long seed, long counter) {
    return new SearchRandom(seed, counter);
  }

  public long seed() {
    return seed;
  }

  /** Number of 64-bit values drawn so far. */
  public long counter() {
    return counter;
  }

  /** The next uniformly distributed 64-bit value. */
  public long nextLong() {
    long z = seed + (++counter) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, bound), without modulo bias (rejection as in {@link java.util.SplittableRandom}). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long u = nextLong() >>> 1;
    long r = u % bound;
    while (u + (bound - 1) - r < 0L) {
      u = nextLong() >>> 1;
      r = u % bound;
    }
    return (int) r;
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** An independent generator derived from this one (for a sub-component's own stream). */
  public SearchRandom split() {
    return new SearchRandom(nextLong(), 0);
  }
}
