package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Checks and normalizes a space's op set. */
final class OpSets {
  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");

  private OpSets() {}

  /** Throws unless {@code label} is a valid op label, {@code [a-z][a-z0-9_]*}. */
  static void checkLabel(String kind, String label) {
    if (label == null || !LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException("invalid " + kind + " op label "
          + (label == null ? "null" : "'" + label + "'")
          + ": a label is a lowercase letter followed by lowercase letters, digits or '_'");
    }
  }

  /**
   * The ops with the built-ins first, in built-in order, then the custom ops in the order given; so a
   * space of built-ins only keeps the order (and the draws) it had when ops were an enum. Throws if
   * empty or repeated.
   */
  static <E> List<E> normalize(String space, List<E> ops, List<E> builtIns, Predicate<E> isBuiltIn) {
    if (ops == null || ops.isEmpty()) {
      throw new IllegalArgumentException(space + " needs at least one op");
    }
    Set<E> set = new HashSet<>();
    for (E op : ops) {
      if (op == null || !set.add(op)) {
        throw new IllegalArgumentException(space + " ops must be distinct, got " + ops);
      }
    }
    List<E> out = new ArrayList<>(ops.size());
    for (E op : builtIns) {
      if (set.contains(op)) {
        out.add(op);
      }
    }
    for (E op : ops) {
      if (!isBuiltIn.test(op)) {
        out.add(op);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The op of {@code ops} labelled {@code label}; else the built-in with that label (which the caller
   * rejects as outside the space); else an "unknown op" error naming the built-ins and the space's ops.
   */
  static <E> E resolve(String kind, String label, List<E> ops, Function<E, String> labelOf,
      Function<String, E> ofLabel, Predicate<E> isBuiltIn) {
    for (E op : ops) {
      if (labelOf.apply(op).equals(label)) {
        return op;
      }
    }
    try {
      return ofLabel.apply(label);
    } catch (IllegalArgumentException unknown) {
      List<String> extra = ops.stream().filter(isBuiltIn.negate()).map(labelOf).toList();
      if (extra.isEmpty()) {
        throw unknown;
      }
      throw new IllegalArgumentException(unknown.getMessage() + " or this space's own ops "
          + String.join(", ", extra));
    }
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
