/**
 * Journals in other people's formats: {@link org.nautilus.journal.export.TrialsCsv} (one row per trial,
 * from the folded state) and {@link org.nautilus.journal.export.JsonLines} (one line per event).
 *
 * <p>May import {@code journal.event}, {@code journal.state}, {@code nas} value types, Jackson's streaming
 * core and the JDK; never Chronicle (readers hand the events in), so exports work from any source of events.
 */
package org.nautilus.journal.export;
