/**
 * The durable event log of a search: the {@link org.nautilus.journal.Journal} role and its
 * {@link org.nautilus.journal.JournalException}.
 *
 * <p>Owns the journal contract (append, replay, close; one writer per search). May import
 * {@code journal.event} and the JDK; never Chronicle (only {@code journal.codec} does), actors or training.
 * The implementation is {@link org.nautilus.journal.codec.ChronicleJournal}.
 */
package org.nautilus.journal;
