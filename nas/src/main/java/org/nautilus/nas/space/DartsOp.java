package org.nautilus.nas.space;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An operation of a DARTS cell edge, named by its label.
 *
 * <p>The eight built-in ops of the DARTS paper are the constants ({@link #builtIns()}, in the paper's order).
 * A user may add ops of their own with {@link #custom(String)}, e.g. for a tabular benchmark or an
 * external-process trainer that only needs the names; a space that should offer them lists them in
 * {@link DartsSpace#of}. Ops are equal when their labels are; a label is {@code [a-z][a-z0-9_]*}.
 * There is exactly one instance per built-in label, so built-ins may be compared with {@code ==}.
 */
public final class DartsOp {
  public static final DartsOp NONE = new DartsOp("none", "NONE");
  public static final DartsOp SKIP_CONNECT = new DartsOp("skip_connect", "SKIP_CONNECT");
  public static final DartsOp SEP_CONV_3X3 = new DartsOp("sep_conv_3x3", "SEP_CONV_3X3");
  public static final DartsOp SEP_CONV_5X5 = new DartsOp("sep_conv_5x5", "SEP_CONV_5X5");
  public static final DartsOp DIL_CONV_3X3 = new DartsOp("dil_conv_3x3", "DIL_CONV_3X3");
  public static final DartsOp DIL_CONV_5X5 = new DartsOp("dil_conv_5x5", "DIL_CONV_5X5");
  public static final DartsOp MAX_POOL_3X3 = new DartsOp("max_pool_3x3", "MAX_POOL_3X3");
  public static final DartsOp AVG_POOL_3X3 = new DartsOp("avg_pool_3x3", "AVG_POOL_3X3");

  private static final List<DartsOp> BUILT_INS = List.of(NONE, SKIP_CONNECT, SEP_CONV_3X3, SEP_CONV_5X5,
      DIL_CONV_3X3, DIL_CONV_5X5, MAX_POOL_3X3, AVG_POOL_3X3);

  private final String label;
  /** The constant's name for a built-in, null for a custom op. */
  private final String constant;

  private DartsOp(String label, String constant) {
    this.label = label;
    this.constant = constant;
  }

  /** The name used in canonical strings and spec files. */
  public String label() {
    return label;
  }

  /** True for the eight ops of the DARTS paper, false for ops made with {@link #custom}. */
  public boolean isBuiltIn() {
    return constant != null;
  }

  /** The eight built-in ops, in the DARTS paper's order. */
  public static List<DartsOp> builtIns() {
    return BUILT_INS;
  }

  /** The built-in op with the given name; throws naming the accepted names otherwise. */
  public static DartsOp ofLabel(String label) {
    for (DartsOp op : BUILT_INS) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown DARTS op '" + label + "', expected one of "
        + BUILT_INS.stream().map(DartsOp::label).collect(Collectors.joining(", ")));
  }

  /**
   * A user-defined op named {@code label}, which must match {@code [a-z][a-z0-9_]*} and must not be
   * a built-in label (use {@link #ofLabel} or the constants for those).
   */
  public static DartsOp custom(String label) {
    OpSets.checkLabel("DARTS", label);
    for (DartsOp op : BUILT_INS) {
      if (op.label.equals(label)) {
        throw new IllegalArgumentException("'" + label + "' is a built-in DARTS op, not a custom one");
      }
    }
    return new DartsOp(label, null);
  }

  /** The built-in op named {@code label}, or else a custom op with that (validated) label. */
  public static DartsOp of(String label) {
    for (DartsOp op : BUILT_INS) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    return custom(label);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DartsOp other && other.label.equals(label);
  }

  @Override
  public int hashCode() {
    return label.hashCode();
  }

  /** The constant's name for a built-in (as the enum printed it), the label for a custom op. */
  @Override
  public String toString() {
    return constant != null ? constant : label;
  }
}
