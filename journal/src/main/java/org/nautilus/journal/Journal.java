package org.nautilus.journal;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/** The append-only event log of one search. One writer per search. */
public interface Journal extends AutoCloseable {
  /** Appends an event; when this returns, the event is in the journal and will be replayed. */
  Envelope append(Event event);

  /** Streams every event in order, from the first. */
  void replay(Consumer<Envelope> consumer);

  /** The directory holding the journal's files. */
  Path directory();

  /** Flushes and releases the journal's files. */
  @Override
  void close();
}
