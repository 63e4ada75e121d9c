package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks and normalizes a space's op subset. */
final class OpSets {
  private OpSets() {}

  /** The ops in enum order; throws if empty or repeated. */
  static <E extends Enum<E>> List<E> normalize(String space, List<E> ops, Class<E> type) {
    if (ops == null || ops.isEmpty()) {
      throw new IllegalArgumentException(space + " needs at least one op");
    }
    EnumSet<E> set = EnumSet.noneOf(type);
    for (E op : ops) {
      if (op == null || !set.add(op)) {
        throw new IllegalArgumentException(space + " ops must be distinct, got " + ops);
      }
    }
    return List.copyOf(new ArrayList<>(set));
  }

  /** Index of {@code op} in {@code ops}, or a message naming the space's ops. */
  static <E> int indexOf(String space, List<E> ops, E op, Function<E, String> label) {
    int index = ops.indexOf(op);
    if (index < 0) {
      throw new IllegalArgumentException("op '" + label.apply(op) + "' is not in this " + space + " space's ops ("
          + ops.stream().map(label).collect(Collectors.joining(", ")) + ")");
    }
    return index;
  }

  /** {@code a * b}, or {@link Long#MAX_VALUE} on overflow. */
  static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }
}
