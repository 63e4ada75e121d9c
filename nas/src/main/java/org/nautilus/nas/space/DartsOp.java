package org.nautilus.nas.space;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The eight operations of a DARTS cell edge, with the names used by the DARTS paper's genotypes. */
public enum DartsOp {
  NONE("none"),
  SKIP_CONNECT("skip_connect"),
  SEP_CONV_3X3("sep_conv_3x3"),
  SEP_CONV_5X5("sep_conv_5x5"),
  DIL_CONV_3X3("dil_conv_3x3"),
  DIL_CONV_5X5("dil_conv_5x5"),
  MAX_POOL_3X3("max_pool_3x3"),
  AVG_POOL_3X3("avg_pool_3x3");

  private final String label;

  DartsOp(String label) {
    this.label = label;
  }

  /** The name used in canonical strings and spec files. */
  public String label() {
    return label;
  }

  /** The op with the given name; throws naming the accepted names otherwise. */
  public static DartsOp ofLabel(String label) {
    for (DartsOp op : values()) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown DARTS op '" + label + "', expected one of "
        + Arrays.stream(values()).map(DartsOp::label).collect(Collectors.joining(", ")));
  }
}
