/**
 * Optimization settings for the in-JVM trainers, as ND4J objects: {@link
 * org.nautilus.engine.train.optim.TrainingSettings} (read from a candidate's hyperparameters over a
 * trainer's defaults), the updaters ({@link org.nautilus.engine.train.optim.Updaters}: SGD, momentum,
 * Nesterov, AdaGrad, RMSProp, Adam, optionally with per-array gradient clipping) and the learning-rate
 * schedules ({@link org.nautilus.engine.train.optim.Schedules}: constant, step, exponential, cosine,
 * cyclical, each with an optional linear warm-up). Depends on ND4J and {@code nas.space}.
 */
package org.nautilus.engine.train.optim;
