/**
 * Search spaces and their candidates, named by canonical strings: NAS-Bench-201 cells
 * ({@link org.nautilus.nas.space.Nb201Space}, optionally over an op subset), DARTS cells
 * ({@link org.nautilus.nas.space.DartsSpace}), hyperparameters with conditional dimensions
 * ({@link org.nautilus.nas.space.HyperparameterSpace}, {@link org.nautilus.nas.space.TrainingHyperparameters}),
 * and a cell searched together with hyperparameters ({@link org.nautilus.nas.space.JointSpace}).
 * Finite spaces are {@link org.nautilus.nas.space.CategoricalSpace}s (directly or through
 * {@link org.nautilus.nas.space.SearchSpace#asCategorical()}). Depends on nothing outside nas.
 */
package org.nautilus.nas.space;
