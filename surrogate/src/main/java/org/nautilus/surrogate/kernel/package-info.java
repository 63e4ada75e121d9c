/**
 * Covariance functions for Gaussian processes: Matérn-5/2 and RBF with one length-scale per input
 * (ARD), an overlap (Hamming) kernel for categorical inputs, a signal-variance scale, and sums and
 * products for mixed inputs. Every hyperparameter lives in log space, with bounds, and every kernel
 * gives the analytic gradient of its value with respect to its log-hyperparameters; {@link
 * org.nautilus.surrogate.kernel.Gram} serves a likelihood's passes over all pairs of a fixed set of points
 * (vectorized for Matérn-5/2). Depends on the JDK
 * only; knows nothing about architectures.
 */
package org.nautilus.surrogate.kernel;
