/**
 * A trainer that looks results up in a tabular benchmark instead of training: instant, exact and
 * deterministic, for simulations, crash tests and the orchestration benchmarks. May import
 * {@code engine.train} and {@code nas.bench}.
 */
package org.nautilus.engine.train.tabular;
