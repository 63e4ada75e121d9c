/**
 * Evaluation metrics over a model's predictions: classification ({@link
 * org.nautilus.engine.metric.ConfusionMatrix}, {@link org.nautilus.engine.metric.ClassificationMetrics})
 * and regression ({@link org.nautilus.engine.metric.RegressionMetrics}), and the named
 * {@link org.nautilus.engine.metric.Metric}s a search can take as its objective. Pure functions over
 * arrays; depends only on the JDK and {@code nas.search.Direction}.
 *
 * <p>Written here rather than taken from a library: Commons Math (in the build) has none of ROC-AUC,
 * F1, top-k or log loss, and each is a few lines over arrays. Conventions follow scikit-learn's
 * defaults wherever a case is undefined; each method says which.
 */
package org.nautilus.engine.metric;
