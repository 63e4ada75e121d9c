package org.nautilus.actors.supervisor;

/** A journal cannot be resumed as asked: it names what differs and what to do about it. */
public final class ResumeException extends Exception {
  public ResumeException(String message) {
    super(message);
  }
}
