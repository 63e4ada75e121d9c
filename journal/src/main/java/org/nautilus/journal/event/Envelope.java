package org.nautilus.journal.event;

import java.time.Instant;
import java.util.Objects;

/** An event as journaled: its sequence number (from 1), codec schema version and time of writing. */
public record Envelope(long seq, int schema, Instant at, Event event) {
  public Envelope {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(event, "event");
  }
}
