package org.nautilus.engine.train;

import java.util.Map;

/** Metrics after one epoch, e.g. {@code loss}, {@code val_accuracy}, {@code images_per_second}. */
public record EpochReport(int epoch, Map<String, Double> metrics) {
  public EpochReport {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs are numbered from 1, got " + epoch);
    }
    metrics = Map.copyOf(metrics);
  }
}
