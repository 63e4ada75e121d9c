package org.nautilus.journal;

/** The journal cannot be opened, read or written; the message is one line naming the path and the problem. */
public class JournalException extends RuntimeException {
  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
