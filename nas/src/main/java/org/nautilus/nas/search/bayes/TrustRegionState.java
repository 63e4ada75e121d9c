package org.nautilus.nas.search.bayes;

/**
 * The side length and the success and failure counts of a TuRBO-1 trust region
 * ({@link GpBayesConfig.TrustRegion}): {@code successes} successes in a row double the length (up to the
 * maximum), {@code failures} failures in a row halve it, and a length below the minimum restarts it at the
 * initial length. Mutable; part of a {@link GpBayesSearcher}'s snapshot.
 */
final class TrustRegionState {
  private final GpBayesConfig.TrustRegion settings;
  private final int failureTolerance;
  private double length;
  private int successes;
  private int failures;
  private int restarts;

  /** A region at its initial length, for {@code dimensions} inputs. */
  TrustRegionState(GpBayesConfig.TrustRegion settings, int dimensions) {
    this.settings = settings;
    this.failureTolerance = settings.failuresFor(dimensions);
    this.length = settings.initialLength();
  }

  /** Records the result of one proposal made in the region. */
  void record(boolean success) {
    if (success) {
      successes++;
      failures = 0;
      if (successes >= settings.successes()) {
        length = Math.min(settings.maxLength(), 2 * length);
        successes = 0;
      }
    } else {
      failures++;
      successes = 0;
      if (failures >= failureTolerance) {
        length /= 2;
        failures = 0;
        if (length < settings.minLength()) {
          length = settings.initialLength();
          restarts++;
        }
      }
    }
  }

  double length() {
    return length;
  }

  int successes() {
    return successes;
  }

  int failures() {
    return failures;
  }

  int restarts() {
    return restarts;
  }

  /** Failures in a row that halve the length. */
  int failureTolerance() {
    return failureTolerance;
  }

  /**
   * Sets the state from a snapshot.
   *
   * @throws IllegalArgumentException if the values are impossible for these settings
   */
  void restore(double length, int successes, int failures, int restarts) {
    if (!(length >= settings.minLength() && length <= settings.maxLength()) || successes < 0
        || successes >= settings.successes() || failures < 0 || failures >= failureTolerance || restarts < 0) {
      throw new IllegalArgumentException("corrupt GP snapshot: trust region length " + length + ", " + successes
          + " successes, " + failures + " failures, " + restarts + " restarts");
    }
    this.length = length;
    this.successes = successes;
    this.failures = failures;
    this.restarts = restarts;
  }
}
