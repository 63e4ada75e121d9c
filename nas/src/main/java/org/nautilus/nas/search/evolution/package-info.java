/**
 * Regularized (aging) evolution, Real et al. 2019: tournament selection over a FIFO population, one
 * mutation per child, the oldest member removed. Steady-state and asynchronous. Imports only
 * {@code org.nautilus.nas.search} and {@code org.nautilus.nas.space}.
 */
package org.nautilus.nas.search.evolution;
