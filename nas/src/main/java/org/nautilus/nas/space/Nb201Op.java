package org.nautilus.nas.space;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The five operations of a NAS-Bench-201 cell edge, with the benchmark's own names. */
public enum Nb201Op {
  NONE("none"),
  SKIP_CONNECT("skip_connect"),
  NOR_CONV_1X1("nor_conv_1x1"),
  NOR_CONV_3X3("nor_conv_3x3"),
  AVG_POOL_3X3("avg_pool_3x3");

  private final String label;

  Nb201Op(String label) {
    this.label = label;
  }

  /** The name used in NAS-Bench-201 architecture strings. */
  public String label() {
    return label;
  }

  /** The op with the given benchmark name; throws naming the accepted names otherwise. */
  public static Nb201Op ofLabel(String label) {
    for (Nb201Op op : values()) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown NAS-Bench-201 op '" + label + "', expected one of "
        + Arrays.stream(values()).map(Nb201Op::label).collect(Collectors.joining(", ")));
  }
}
