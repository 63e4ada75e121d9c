package org.nautilus.journal.codec;

import org.nautilus.journal.JournalException;

/**
 * A record's bytes are damaged: its checksum, framing or fields are wrong. Unlike a plain
 * {@link JournalException} for a record from a newer Nautilus, this means data was lost or altered.
 */
public final class CorruptRecordException extends JournalException {
  public CorruptRecordException(String message) {
    super(message);
  }

  public CorruptRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
