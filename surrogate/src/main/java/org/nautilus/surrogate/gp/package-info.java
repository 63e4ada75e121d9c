/**
 * Gaussian-process regression: the posterior ({@link org.nautilus.surrogate.gp.GaussianProcess}) with
 * standardized outputs, a Cholesky factor with adaptive jitter and O(n^2) one-point updates; the log
 * marginal likelihood and its analytic gradient ({@link org.nautilus.surrogate.gp.Likelihood}); and
 * hyperparameter fitting ({@link org.nautilus.surrogate.gp.GpFitter}) by a bounded quasi-Newton method
 * ({@link org.nautilus.surrogate.gp.BoundedLbfgs}) from several seeded starts on a subset, polished on all
 * the points by a dense BFGS ({@link org.nautilus.surrogate.gp.BoundedBfgs}). Linear algebra is plain
 * Java on {@code double[]} ({@link org.nautilus.surrogate.gp.Cholesky}); see BENCHMARKS.md for why.
 * Depends on {@code org.nautilus.surrogate.kernel} and the JDK; knows nothing about architectures.
 */
package org.nautilus.surrogate.gp;
