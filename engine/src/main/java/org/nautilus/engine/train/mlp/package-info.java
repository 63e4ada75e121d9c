/**
 * The multi-layer perceptron for tabular data: {@link org.nautilus.engine.train.mlp.MlpNetwork} (an
 * ND4J SameDiff graph) and {@link org.nautilus.engine.train.mlp.MlpTrainer}, which trains one per
 * candidate on a {@link org.nautilus.engine.data.TabularData} and reports the
 * {@link org.nautilus.engine.metric.Metric}s of its task. May use {@code engine.data},
 * {@code engine.metric}, {@code engine.train}, {@code engine.train.optim} and {@code nas.space}.
 */
package org.nautilus.engine.train.mlp;
