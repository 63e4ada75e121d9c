/**
 * Chronicle Queue storage of the journal.
 *
 * <ul>
 *   <li>{@link org.nautilus.journal.codec.EventCodec}: an envelope to one checksummed binary record and
 *       back, reading every older schema.
 *   <li>{@link org.nautilus.journal.codec.ChronicleJournal}: the {@code Journal} on a Chronicle Queue
 *       directory (durability modes, group commit, asynchronous acknowledgements), plus read-only
 *       {@code read}, {@code state} and {@code resume} for tools and restarts.
 *   <li>{@link org.nautilus.journal.codec.JournalTail}: follows a journal another process writes.
 *   <li>{@link org.nautilus.journal.codec.SnapshotStore}: state snapshots beside the journal.
 *   <li>{@link org.nautilus.journal.codec.JournalVerifier} and {@link org.nautilus.journal.codec.JournalProblem}:
 *       a whole-journal check; package-private {@code CycleScanner} reads cycle files byte by byte
 *       and {@code Recovery} cuts a crash's torn tail off before Chronicle opens them.
 * </ul>
 *
 * <p>The only package of Nautilus that imports {@code net.openhft.chronicle}; its public signatures
 * use Chronicle types only in {@code EventCodec.encode/decode}. May import {@code journal},
 * {@code journal.event}, {@code journal.state}, {@code nas} value types, SLF4J and the JDK. Classes here that
 * load Chronicle first set the system properties that keep it quiet (no banner, no usage analytics,
 * no timing chatter).
 */
package org.nautilus.journal.codec;
