package org.nautilus.engine.train;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.nautilus.nas.space.Candidate;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Hides the line per op that ND4J 1.0.0-M2.1's {@code SameDiff.createGradFunction} prints to
 * {@code System.out} ("Added differentiated op ..."), unconditionally and without a logger.
 *
 * <p>{@link #run} swaps {@code System.out} for a filter that drops exactly those lines and forwards
 * everything else, so output of other threads during the swap still appears. Swaps are serialised
 * by a lock and the original stream is always restored.
 */
public final class QuietStdout {
  private static final String NOISE = "Added differentiated op";
  private static final Object LOCK = new Object();

  private QuietStdout() {}

  /** Runs {@code action} with those lines dropped from {@code System.out}; returns its result. */
  public static <T> T run(Supplier<T> action) {
    synchronized (LOCK) {
      PrintStream original = System.out;
      System.setOut(new Filter(original));
      try {
        return action.get();
      } finally {
        System.setOut(original);
      }
    }
  }

  /**
   * Builds the gradient function of {@code graph} (its training configuration set) with those lines
   * dropped; a failure is a non-retryable {@link TrainingException} naming {@code candidate}.
   */
  public static void differentiate(SameDiff graph, Candidate candidate) throws TrainingException {
    try {
      run(() -> {
        graph.createGradFunction();
        return null;
      });
    } catch (RuntimeException e) {
      throw new TrainingException("could not differentiate the network for " + candidate.canonical() + ": " + e,
          false, e);
    }
  }

  private static final class Filter extends PrintStream {
    Filter(PrintStream target) {
      super(target, true);
    }

    @Override
    public void println(String line) {
      if (line == null || !line.startsWith(NOISE)) {
        super.println(line);
      }
    }
  }
}
