/**
 * What happens in a search, as immutable records: the sealed {@link org.nautilus.journal.event.Event}
 * types and the {@link org.nautilus.journal.event.Envelope} (sequence number, schema, time) they are
 * journaled in.
 *
 * <p>May import {@code nas} value types (such as {@code TrialId}) and the JDK; knows nothing about how
 * events are stored, so never Chronicle. Adding an event type means adding its codec in
 * {@code journal.codec.EventCodec} and its fold in {@code journal.state.SearchState}; tests fail until both exist.
 */
package org.nautilus.journal.event;
