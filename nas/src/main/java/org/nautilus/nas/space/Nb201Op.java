package org.nautilus.nas.space;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An operation of a NAS-Bench-201 cell edge, named by its label.
 *
 * <p>The five built-in ops of the benchmark are the constants ({@link #builtIns()}, in benchmark order).
 * A user may add ops of their own with {@link #custom(String)}, e.g. for a tabular benchmark or an
 * external-process trainer that only needs the names; a space that should offer them lists them in
 * {@link Nb201Space#withOps}. Ops are equal when their labels are; a label is {@code [a-z][a-z0-9_]*}.
 * There is exactly one instance per built-in label, so built-ins may be compared with {@code ==}.
 */
public final class Nb201Op {
  public static final Nb201Op NONE = new Nb201Op("none", "NONE");
  public static final Nb201Op SKIP_CONNECT = new Nb201Op("skip_connect", "SKIP_CONNECT");
  public static final Nb201Op NOR_CONV_1X1 = new Nb201Op("nor_conv_1x1", "NOR_CONV_1X1");
  public static final Nb201Op NOR_CONV_3X3 = new Nb201Op("nor_conv_3x3", "NOR_CONV_3X3");
  public static final Nb201Op AVG_POOL_3X3 = new Nb201Op("avg_pool_3x3", "AVG_POOL_3X3");

  private static final List<Nb201Op> BUILT_INS = List.of(NONE, SKIP_CONNECT, NOR_CONV_1X1, NOR_CONV_3X3, AVG_POOL_3X3);

  private final String label;
  /** The constant's name for a built-in, null for a custom op. */
  private final String constant;

  private Nb201Op(String label, String constant) {
    this.label = label;
    this.constant = constant;
  }

  /** The name used in NAS-Bench-201 architecture strings. */
  public String label() {
    return label;
  }

  /** True for the five ops of the benchmark, false for ops made with {@link #custom}. */
  public boolean isBuiltIn() {
    return constant != null;
  }

  /** The five built-in ops, in benchmark order (the order of {@link Nb201Cell#index()}). */
  public static List<Nb201Op> builtIns() {
    return BUILT_INS;
  }

  /** The built-in op with the given benchmark name; throws naming the accepted names otherwise. */
  public static Nb201Op ofLabel(String label) {
    for (Nb201Op op : BUILT_INS) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown NAS-Bench-201 op '" + label + "', expected one of "
        + BUILT_INS.stream().map(Nb201Op::label).collect(Collectors.joining(", ")));
  }

  /**
   * A user-defined op named {@code label}, which must match {@code [a-z][a-z0-9_]*} and must not be
   * a built-in label (use {@link #ofLabel} or the constants for those).
   */
  public static Nb201Op custom(String label) {
    OpSets.checkLabel("NAS-Bench-201", label);
    for (Nb201Op op : BUILT_INS) {
      if (op.label.equals(label)) {
        throw new IllegalArgumentException("'" + label + "' is a built-in NAS-Bench-201 op, not a custom one");
      }
    }
    return new Nb201Op(label, null);
  }

  /** The built-in op named {@code label}, or else a custom op with that (validated) label. */
  public static Nb201Op of(String label) {
    for (Nb201Op op : BUILT_INS) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    return custom(label);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Nb201Op other && other.label.equals(label);
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
