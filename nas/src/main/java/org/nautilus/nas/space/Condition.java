package org.nautilus.nas.space;

import java.util.List;

/**
 * A dimension is active only when the categorical dimension {@code parent} is active and has one of
 * {@code values}.
 *
 * @param parent name of a categorical dimension declared earlier in the space
 * @param values the parent's values that activate the dimension, at least one
 */
public record Condition(String parent, List<String> values) {
  public Condition {
    values = List.copyOf(values);
    if (parent == null || parent.isEmpty() || values.isEmpty()) {
      throw new IllegalArgumentException("a condition names a parent and at least one of its values");
    }
  }

  /** The condition {@code parent in values}. */
  public static Condition of(String parent, String... values) {
    return new Condition(parent, List.of(values));
  }

  /** Human-readable form, e.g. {@code optimizer in [momentum, nesterov]}. */
  @Override
  public String toString() {
    return parent + " in " + values;
  }
}
