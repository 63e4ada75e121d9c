/**
 * Chronicle Queue storage of the journal: {@link org.nautilus.journal.codec.EventCodec} (an envelope
 * to one binary record and back) and {@link org.nautilus.journal.codec.ChronicleJournal} (the
 * {@code Journal} on a Chronicle Queue directory, plus a read-only {@code read(dir)} for replay tools).
 *
 * <p>The only package of Nautilus that imports {@code net.openhft.chronicle}; its public signatures
 * use Chronicle types only in {@code EventCodec.encode/decode}. May import {@code journal},
 * {@code journal.event}, {@code nas} value types and the JDK. Classes here that load Chronicle first set
 * the system properties that keep it quiet (no banner, no usage analytics, no timing chatter).
 */
package org.nautilus.journal.codec;
