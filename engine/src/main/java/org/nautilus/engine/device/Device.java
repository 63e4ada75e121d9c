package org.nautilus.engine.device;

import java.util.Objects;

/** A place to train: {@code cpu:N} (a CPU slot) or {@code cuda:N} (a GPU). */
public record Device(Kind kind, int index) {
  /** What kind of device. */
  public enum Kind {
    CPU("cpu"),
    CUDA("cuda");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Device {
    Objects.requireNonNull(kind, "kind");
    if (index < 0) {
      throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }
  }

  /** CPU slot {@code index}. */
  public static Device cpu(int index) {
    return new Device(Kind.CPU, index);
  }

  /** Parses {@code cpu:0} or {@code cuda:1}; the message names the bad text and the expected form. */
  public static Device parse(String text) {
    int colon = text.indexOf(':');
    if (colon > 0) {
      String kind = text.substring(0, colon);
      String number = text.substring(colon + 1);
      for (Kind k : Kind.values()) {
        if (k.label.equals(kind) && number.matches("\\d{1,4}")) {
          return new Device(k, Integer.parseInt(number));
        }
      }
    }
    throw new IllegalArgumentException("device '" + text + "' must look like cpu:N or cuda:N");
  }

  @Override
  public String toString() {
    return kind.label + ":" + index;
  }
}
