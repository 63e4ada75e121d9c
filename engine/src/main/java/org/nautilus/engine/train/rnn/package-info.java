/**
 * Recurrent networks for fixed-length sequences ({@link org.nautilus.engine.data.SequenceData}): an LSTM or
 * GRU classifier or regressor ({@link org.nautilus.engine.train.rnn.RecurrentNetwork}, an ND4J SameDiff
 * graph on ND4J's fused {@code lstmLayer} and {@code gru} ops, whose gradients the tests check against
 * finite differences) and {@link org.nautilus.engine.train.rnn.RecurrentTrainer}, which trains one per
 * candidate with the shared optimizers and schedules ({@code engine.train.optim}), checkpoints at epoch
 * boundaries and reports the {@link org.nautilus.engine.metric.Metric}s of its task. May use
 * {@code engine.data}, {@code engine.device}, {@code engine.metric}, {@code engine.train} and
 * {@code nas.space}.
 */
package org.nautilus.engine.train.rnn;
