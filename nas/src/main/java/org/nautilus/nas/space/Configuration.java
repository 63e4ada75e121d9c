package org.nautilus.nas.space;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A point of a {@link HyperparameterSpace}: a value for each active hyperparameter, and none for the
 * inactive ones.
 *
 * <p>Canonical string: {@code name=value} pairs sorted by name (Java {@link String} order), joined by
 * {@code ;}, e.g. {@code batch_size=128;learning_rate=0.01;optimizer=adam}. Reals are written with
 * {@link Double#toString(double)} (e.g. {@code 1.0E-4}), which parses back to the same double; integers
 * in decimal; categories as they are. The empty configuration is the empty string.
 *
 * @param values the active hyperparameters' values, by name
 */
public record Configuration(SortedMap<String, ParamValue> values) implements Candidate {
  public Configuration {
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** The configuration with these values. */
  public static Configuration of(Map<String, ParamValue> values) {
    return new Configuration(new TreeMap<>(values));
  }

  /** The value of {@code name}, empty if it is inactive or unknown. */
  public Optional<ParamValue> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The numeric value of {@code name}; throws if it is absent or a category. */
  public double number(String name) {
    return require(name).asDouble();
  }

  /**
   * The number {@code name} holds, empty if it is inactive or unknown; a category that spells a number
   * (from a categorical such as {@code batch_size: [32, 64]}) is that number.
   *
   * @throws IllegalArgumentException if it is a category that is not a number, naming it
   */
  public OptionalDouble numeric(String name) {
    Optional<ParamValue> value = get(name);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (value.get() instanceof ParamValue.Category c) {
      try {
        return OptionalDouble.of(Double.parseDouble(c.value()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("hyperparameter " + name + " must be a number, got '" + c.value() + "'");
      }
    }
    return OptionalDouble.of(value.get().asDouble());
  }

  /** The category of {@code name}; throws if it is absent or numeric. */
  public String category(String name) {
    ParamValue v = require(name);
    if (!(v instanceof ParamValue.Category c)) {
      throw new IllegalArgumentException(name + " is numeric, not a category");
    }
    return c.value();
  }

  private ParamValue require(String name) {
    return get(name).orElseThrow(() -> new IllegalArgumentException("no active hyperparameter '" + name + "'"));
  }

  @Override
  public String canonical() {
    StringBuilder s = new StringBuilder();
    values.forEach((name, value) -> s.append(s.length() == 0 ? "" : ";").append(name).append('=').append(value.text()));
    return s.toString();
  }

  @Override
  public String toString() {
    return canonical();
  }
}
