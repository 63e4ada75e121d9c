/**
 * Gaussian-process Bayesian optimization over search spaces: {@link
 * org.nautilus.nas.search.bayes.GpBayesSearcher} and its {@link org.nautilus.nas.search.bayes.GpBayesConfig}.
 * Candidates are encoded as vectors ({@code org.nautilus.nas.encode}), modelled with
 * {@code org.nautilus.surrogate}, and chosen by maximizing an acquisition function over the whole space
 * when it is small enough, otherwise over a random pool refined by local search. Imports only
 * {@code org.nautilus.nas.search}, {@code org.nautilus.nas.space}, {@code org.nautilus.nas.encode},
 * {@code org.nautilus.surrogate} and Commons Math (Sobol points).
 */
package org.nautilus.nas.search.bayes;
