package org.nautilus.journal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * The append-only event log of one search. One writer per search.
 *
 * <p>Write-ahead: nothing may act on an event (tell a searcher, show it to a user) before its append
 * is acknowledged, because only then will a replay see it.
 */
public interface Journal extends AutoCloseable {
  /**
   * Appends an event and blocks until it is acknowledged (durable as the journal's {@link Durability}
   * promises); then it will be replayed.
   *
   * @throws JournalException if the event cannot be written or made durable; it may or may not be replayed
   */
  Envelope append(Event event);

  /**
   * Appends an event without waiting for it to become durable: the sequence number is assigned and the
   * event is written before this returns; the stage completes once it is durable, or exceptionally with
   * a {@link JournalException}. Stages complete in sequence order. An implementation says which thread
   * completes them; act on the result through an asynchronous stage or a message to yourself, never
   * with blocking work on that thread. This default appends synchronously.
   */
  default CompletionStage<Envelope> appendAsync(Event event) {
    try {
      return CompletableFuture.completedFuture(append(event));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * An event appended but perhaps not yet durable.
   *
   * @param envelope the event as written, with its sequence number and time
   * @param durable completes with {@code envelope} once it is durable, or exceptionally with a
   *     {@link JournalException}; on the thread {@link #appendAsync} names
   */
  record Pending(Envelope envelope, CompletionStage<Envelope> durable) {}

  /**
   * As {@link #appendAsync}, with the written envelope at hand at once: for a single writer whose own
   * later events depend on this one (they are durable only after it, the journal being a log), and
   * who acknowledges to the outside world only once {@code durable} completes. This default appends
   * synchronously.
   */
  default Pending appendPending(Event event) {
    Envelope envelope = append(event);
    return new Pending(envelope, CompletableFuture.completedFuture(envelope));
  }

  /** Told how far a journal is durable; see {@link #appendReporting}. */
  interface DurabilityListener {
    /** Every event this listener was given with a sequence number up to {@code seq} is durable; {@code seq} grows. */
    void durableThrough(long seq);

    /** Nothing more will become durable: events not yet reported durable may be lost. */
    void failed(JournalException cause);
  }

  /**
   * As {@link #appendPending}, without a stage per event: the event's durability is reported to
   * {@code listener} by sequence number, once per group of events, on the thread {@link #appendAsync}
   * names. For a single writer at high rates. This default appends synchronously and reports at once.
   *
   * @throws JournalException at once if the event cannot be written (nothing is reported for it then)
   */
  default Envelope appendReporting(Event event, DurabilityListener listener) {
    Envelope envelope = append(event);
    listener.durableThrough(envelope.seq());
    return envelope;
  }

  /** Streams every event in order, from the first. */
  void replay(Consumer<Envelope> consumer);

  /** Streams the events with {@code seq >= fromSeq} in order. This default filters a full replay. */
  default void replay(long fromSeq, Consumer<Envelope> consumer) {
    replay(envelope -> {
      if (envelope.seq() >= fromSeq) {
        consumer.accept(envelope);
      }
    });
  }

  /** The directory holding the journal's files. */
  Path directory();

  /** Makes everything appended durable, then releases the journal's files. */
  @Override
  void close();
}
