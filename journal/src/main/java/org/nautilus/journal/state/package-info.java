/**
 * The state of a search as a fold of its events: {@link org.nautilus.journal.state.SearchState} (trials
 * table, incumbent, learning curves, searcher snapshots, pause, notes), its trials table of
 * {@link org.nautilus.journal.state.TrialRecord}s, the {@link org.nautilus.journal.state.TrialIndex}
 * from trial to events, and {@link org.nautilus.journal.state.StateCodec}, the state as snapshot bytes.
 *
 * <p>Pure and deterministic: the live supervisor and a replay fold the same events to the same state.
 * May import {@code journal.event}, {@code nas} value types and the JDK; never Chronicle, files or clocks.
 */
package org.nautilus.journal.state;
