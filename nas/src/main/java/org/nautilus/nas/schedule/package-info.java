/**
 * Multi-fidelity scheduling: policies that see each trial's intermediate results and decide whether it
 * trains on or stops early (ASHA, asynchronous Hyperband, the median stopping rule). Pure and
 * deterministic: the same reports in the same order give the same decisions, so a resumed search
 * re-derives them from its journal. May import {@code nas.search} only.
 */
package org.nautilus.nas.schedule;
