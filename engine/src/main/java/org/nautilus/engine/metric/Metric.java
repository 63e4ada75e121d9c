package org.nautilus.engine.metric;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nautilus.nas.search.Direction;

/**
 * A named metric that can be a search's objective: its name (as in reports and spec files), whether
 * higher or lower is better, and how it is computed from {@link Predictions}.
 *
 * <p>Names: {@code accuracy}, {@code top<k>_accuracy} (e.g. {@code top5_accuracy}),
 * {@code precision_macro}, {@code recall_macro}, {@code f1_macro}, {@code roc_auc} (binary, class 1
 * positive), {@code roc_auc_ovr} (one-vs-rest, macro), {@code log_loss} for classification;
 * {@code mse}, {@code mae}, {@code rmse}, {@code r2} for regression.
 *
 * @param name the metric's name
 * @param direction which way is better
 * @param regression true for a metric of {@link Predictions.Values}, false for {@link Predictions.Classes}
 * @param formula computes it
 */
public record Metric(String name, Direction direction, boolean regression, ToDoubleFunction<Predictions> formula) {
  private static final Pattern TOP_K = Pattern.compile("top(\\d{1,4})_accuracy");
  private static final Map<String, Metric> FIXED = new TreeMap<>();

  static {
    classification("accuracy", Direction.MAXIMIZE, p -> ClassificationMetrics.accuracy(p.actual(), p.scores()));
    classification("precision_macro", Direction.MAXIMIZE,
        p -> ClassificationMetrics.confusion(p.actual(), p.scores()).macroPrecision());
    classification("recall_macro", Direction.MAXIMIZE,
        p -> ClassificationMetrics.confusion(p.actual(), p.scores()).macroRecall());
    classification("f1_macro", Direction.MAXIMIZE,
        p -> ClassificationMetrics.confusion(p.actual(), p.scores()).macroF1());
    classification("roc_auc", Direction.MAXIMIZE, p -> ClassificationMetrics.rocAuc(p.actual(), p.scores()));
    classification("roc_auc_ovr", Direction.MAXIMIZE,
        p -> ClassificationMetrics.rocAucOneVsRest(p.actual(), p.scores()));
    classification("log_loss", Direction.MINIMIZE, p -> ClassificationMetrics.logLoss(p.actual(), p.scores()));
    regression("mse", Direction.MINIMIZE, p -> RegressionMetrics.mse(p.actual(), p.predicted()));
    regression("mae", Direction.MINIMIZE, p -> RegressionMetrics.mae(p.actual(), p.predicted()));
    regression("rmse", Direction.MINIMIZE, p -> RegressionMetrics.rmse(p.actual(), p.predicted()));
    regression("r2", Direction.MAXIMIZE, p -> RegressionMetrics.r2(p.actual(), p.predicted()));
  }

  public Metric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(formula, "formula");
  }

  /** The metric of {@code predictions}; they must be of this metric's kind. */
  public double compute(Predictions predictions) {
    if (regression != (predictions instanceof Predictions.Values)) {
      throw new IllegalArgumentException("metric " + name + " is a " + (regression ? "regression" : "classification")
          + " metric, got " + (regression ? "class scores" : "real-valued predictions"));
    }
    return formula.applyAsDouble(predictions);
  }

  /** The metric called {@code name}, if there is one. */
  public static Optional<Metric> byName(String name) {
    Metric fixed = FIXED.get(name);
    if (fixed != null) {
      return Optional.of(fixed);
    }
    Matcher m = TOP_K.matcher(name);
    if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
      int k = Integer.parseInt(m.group(1));
      return Optional.of(new Metric(name, Direction.MAXIMIZE, false,
          p -> ClassificationMetrics.topK(((Predictions.Classes) p).actual(), ((Predictions.Classes) p).scores(), k)));
    }
    return Optional.empty();
  }

  /** As {@link #byName}, or an exception whose message lists the known names. */
  public static Metric named(String name) {
    return byName(name).orElseThrow(() -> new IllegalArgumentException("unknown metric '" + name + "', expected one of "
        + String.join(", ", names()) + " or top<k>_accuracy"));
  }

  /** The fixed metric names, sorted. */
  public static List<String> names() {
    return FIXED.keySet().stream().collect(Collectors.toList());
  }

  private static void classification(String name, Direction direction, ToDoubleFunction<Predictions.Classes> f) {
    FIXED.put(name, new Metric(name, direction, false, p -> f.applyAsDouble((Predictions.Classes) p)));
  }

  private static void regression(String name, Direction direction, ToDoubleFunction<Predictions.Values> f) {
    FIXED.put(name, new Metric(name, direction, true, p -> f.applyAsDouble((Predictions.Values) p)));
  }

  @Override
  public String toString() {
    return name;
  }
}
