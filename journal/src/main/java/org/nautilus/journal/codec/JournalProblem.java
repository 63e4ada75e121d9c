package org.nautilus.journal.codec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a journal's files, at a byte offset of one cycle file.
 *
 * @param file the cycle file
 * @param offset where the damage starts, in bytes from the start of {@code file}
 * @param kind what kind of damage
 * @param detail one line saying what was found
 */
public record JournalProblem(Path file, long offset, Kind kind, String detail) {
  /** Kinds of damage. */
  public enum Kind {
    /**
     * The file ends in an incomplete record, or garbage, with no complete record after it: what a crash
     * mid-write leaves. Opening the journal to write truncates it.
     */
    TORN_TAIL,
    /** A damaged record or region with good records after it (a bit flip, a bad sector): never repaired silently. */
    CORRUPT,
    /** A complete, intact record whose sequence number is not the next one. */
    SEQUENCE,
    /** A record from a newer Nautilus (unknown schema or event type) that this one cannot check. */
    NEWER_VERSION
  }

  public JournalProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line: {@code FILE at byte OFFSET: KIND: detail}. */
  @Override
  public String toString() {
    return file + " at byte " + offset + ": " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ": " + detail;
  }
}
