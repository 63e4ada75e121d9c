/**
 * Benchmarks of the surrogate and the GP searcher: Cholesky across libraries (JMH), fitting against
 * scikit-learn on the same data, proposal latency on the NAS-Bench-201 space (JMH), simple regret on
 * Branin, Hartmann-6 and Ackley-10, and the searchers side by side in the simulator. Each class's Javadoc
 * gives its command; figures are in BENCHMARKS.md.
 */
package org.nautilus.bench.surrogate;
