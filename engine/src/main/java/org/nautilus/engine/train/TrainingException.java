package org.nautilus.engine.train;

/** A trial could not be trained; {@link #retryable()} says whether trying again could help. */
public class TrainingException extends Exception {
  private final boolean retryable;

  public TrainingException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public TrainingException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** False for causes that would recur (diverged loss, unsupported candidate), true for transient ones. */
  public boolean retryable() {
    return retryable;
  }
}
