/**
 * Tabular benchmarks and the discrete-event simulator: measure a searcher's quality in seconds
 * instead of GPU-days.
 *
 * <p>A tour: {@link org.nautilus.nas.bench.TabularBenchmark} reads a CSV table (a {@code candidate}
 * column of canonical strings plus numeric columns) and looks rows up in O(1);
 * {@link org.nautilus.nas.bench.Simulator} runs a searcher against it with W virtual workers and a
 * virtual-time budget, repeats that R times in parallel, and
 * {@link org.nautilus.nas.bench.BenchmarkSummary} aggregates the runs (mean and standard deviation at the
 * incumbent, anytime curves). {@link org.nautilus.nas.bench.SyntheticNb201Table} generates an
 * NB201-shaped table, since the project ships no third-party data.
 *
 * <p>May import {@code org.nautilus.nas.space}, {@code org.nautilus.nas.search} and Jackson's CSV
 * module; no actors, no ND4J, no Chronicle, no wall clock.
 */
package org.nautilus.nas.bench;
