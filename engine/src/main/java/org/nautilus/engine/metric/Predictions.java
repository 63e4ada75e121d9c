package org.nautilus.engine.metric;

import java.util.Objects;

/** What a model predicted for an evaluation set, with the actual values: the input of a {@link Metric}. */
public sealed interface Predictions {
  /** Class scores {@code [example][class]} against actual labels. */
  record Classes(int[] actual, double[][] scores) implements Predictions {
    public Classes {
      Objects.requireNonNull(actual, "actual");
      Objects.requireNonNull(scores, "scores");
    }
  }

  /** Predicted against actual real values. */
  record Values(double[] actual, double[] predicted) implements Predictions {
    public Values {
      Objects.requireNonNull(actual, "actual");
      Objects.requireNonNull(predicted, "predicted");
    }
  }
}
