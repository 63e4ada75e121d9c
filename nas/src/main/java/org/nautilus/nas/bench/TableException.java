package org.nautilus.nas.bench;

/**
 * A tabular benchmark could not be read or does not fit the search: missing file or column, a
 * malformed candidate, a value that is not a finite number, a candidate the table lacks. The message
 * is one line that names the file and, where there is one, the line and field at fault, e.g.
 * {@code T.csv:17:2: valid_acc must be a finite number, got 'abc'}.
 */
public class TableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A one-line message naming the file and the position at fault. */
  public TableException(String message) {
    super(message);
  }

  /** As {@link #TableException(String)}, keeping the error that caused it. */
  public TableException(String message, Throwable cause) {
    super(message, cause);
  }
}
