/**
 * The durable event log of a search: the {@link org.nautilus.journal.Journal} role, how it is written
 * ({@link org.nautilus.journal.JournalConfig}, {@link org.nautilus.journal.Durability}) and its
 * {@link org.nautilus.journal.JournalException}.
 *
 * <p>Owns the journal contract (write-ahead append, blocking or acknowledged asynchronously; replay;
 * close; one writer per search). May import {@code journal.event} and the JDK; never Chronicle (only
 * {@code journal.codec} does), actors or training. The implementation is
 * {@link org.nautilus.journal.codec.ChronicleJournal}.
 */
package org.nautilus.journal;
