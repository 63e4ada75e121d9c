package org.nautilus.engine.data;

/**
 * A data set could not be read: missing files, bad magic number, truncated data, inconsistent
 * counts or a label out of range. The message is one line that names the file (or directory) and
 * the position or field at fault, e.g. {@code train-images-idx3-ubyte.gz: bad magic number 1234 at
 * byte 0, expected 2051 (IDX images)}.
 */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A one-line message naming the file and the position or field at fault. */
  public DatasetException(String message) {
    super(message);
  }

  /** As {@link #DatasetException(String)}, keeping the I/O error that caused it. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
