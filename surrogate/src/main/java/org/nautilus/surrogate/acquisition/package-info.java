/**
 * Acquisition functions: how a Bayesian-optimization searcher trades the surrogate's predicted mean
 * against its uncertainty. Depends on Commons Math only; knows nothing about architectures.
 */
package org.nautilus.surrogate.acquisition;
