package org.nautilus.nas.spec;

/** A spec file that cannot be read or is invalid; the message is {@code FILE:LINE: what is wrong}. */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  /** The problem {@code problem} at {@code line} (1-based; 0 when no line applies) of {@code file}. */
  public SpecException(String file, int line, String problem) {
    super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file, as given to the parser. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** The message without file and line. */
  public String problem() {
    return problem;
  }
}
