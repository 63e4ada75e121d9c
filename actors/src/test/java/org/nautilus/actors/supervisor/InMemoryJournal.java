package org.nautilus.actors.supervisor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * A journal in memory, to keep the supervisor's unit tests fast; the real Chronicle journal is
 * exercised on the same path by the end-to-end tests in {@code tests/}. Can be told to fail the
 * n-th append, as a full disk would.
 */
final class InMemoryJournal implements Journal {
  private final List<Envelope> events = new ArrayList<>();
  private final long failAt;

  InMemoryJournal() {
    this(Long.MAX_VALUE);
  }

  InMemoryJournal(long failAt) {
    this.failAt = failAt;
  }

  @Override
  public synchronized Envelope append(Event event) {
    if (events.size() + 1 >= failAt) {
      throw new JournalException("journal /memory: no space left on device");
    }
    Envelope envelope = new Envelope(events.size() + 1, 1, Instant.EPOCH, event);
    events.add(envelope);
    return envelope;
  }

  @Override
  public synchronized void replay(Consumer<Envelope> consumer) {
    List.copyOf(events).forEach(consumer);
  }

  synchronized List<Event> events() {
    return events.stream().map(Envelope::event).toList();
  }

  @Override
  public Path directory() {
    return Path.of("/memory");
  }

  @Override
  public void close() {}
}
