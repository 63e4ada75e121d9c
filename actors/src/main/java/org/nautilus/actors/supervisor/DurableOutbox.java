package org.nautilus.actors.supervisor;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.journal.event.Envelope;

/**
 * Journaled events that the outside world (listener, subscribers) sees only once they are durable, in
 * journal order. The journal's fsync thread acknowledges sequence numbers; the owning actor drains.
 * Everything but {@link #acknowledge} belongs to the owner's thread.
 */
final class DurableOutbox {
  private final ArrayDeque<Envelope> waiting = new ArrayDeque<>();
  /** The highest sequence number known durable; written by the journal's acknowledging thread. */
  private final AtomicLong durableSeq = new AtomicLong();
  /** Whether a drain is on its way to the owner, so that a burst of acknowledgements asks once. */
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  /** An event just journaled, not yet known durable. */
  void add(Envelope envelope) {
    waiting.addLast(envelope);
  }

  /**
   * From the journal's thread: events up to {@code seq} are durable. True when the owner must be
   * asked to drain (once until it does).
   */
  boolean acknowledge(long seq) {
    durableSeq.accumulateAndGet(seq, Math::max);
    return drainScheduled.compareAndSet(false, true);
  }

  /** Hands every durable event to {@code consumer}, in order; true when none is left waiting. */
  boolean drain(Consumer<Envelope> consumer) {
    drainScheduled.set(false);
    long durable = durableSeq.get();
    while (!waiting.isEmpty() && waiting.peekFirst().seq() <= durable) {
      consumer.accept(waiting.pollFirst());
    }
    return waiting.isEmpty();
  }
}
