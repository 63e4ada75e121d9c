package org.nautilus.engine.train.process;

import java.util.Map;

/** One line a training process wrote on standard output, decoded (see the package documentation). */
sealed interface Reply {
  /** {@code {"epoch": n, "metrics": {...}}}. */
  record Epoch(int epoch, Map<String, Double> metrics) implements Reply {}

  /** {@code {"result": {...}}}. */
  record Result(Map<String, Double> metrics) implements Reply {}

  /** {@code {"error": "...", "retryable": false}}. */
  record Error(String message, boolean retryable) implements Reply {}
}
