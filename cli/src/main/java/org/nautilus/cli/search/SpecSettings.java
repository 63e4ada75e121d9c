package org.nautilus.cli.search;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.nautilus.cli.UserError;
import org.nautilus.nas.spec.Settings;

/**
 * One {@code settings} map of a spec (the trainer's or the data's) read for one owner, each problem a
 * one-line {@link UserError} naming the spec file, the key, the value and what was expected, e.g.
 * {@code mlp.yaml: trainer.settings.workers must be >= 1, got 0}.
 *
 * @param file the spec file's name, first in every message
 * @param path where the map is in the spec, e.g. {@code trainer.settings}
 * @param owner who reads it, as messages name it, e.g. {@code the mlp trainer}
 * @param values the map
 */
record SpecSettings(String file, String path, String owner, Settings values) {
  /** Refuses the first key (in name order) that is not one of {@code keys}. */
  void allow(List<String> keys) {
    Set<String> unknown = new TreeSet<>(values.values().keySet());
    unknown.removeAll(keys);
    if (!unknown.isEmpty()) {
      throw error(path + "." + unknown.iterator().next() + " is not a setting of " + owner + ", expected one of "
          + String.join(", ", keys));
    }
  }

  /** Refuses {@code key} if it is given, saying {@code why}. */
  void forbid(String key, String why) {
    if (values.get(key).isPresent()) {
      throw error(path + "." + key + " " + why + ", got " + values.get(key).get());
    }
  }

  Optional<Object> get(String key) {
    return values.get(key);
  }

  Optional<String> string(String key) {
    return typed(key, "a string", v -> v.string(key));
  }

  String required(String key) {
    return string(key).orElseThrow(() -> error(owner + " needs " + path + "." + key));
  }

  /** The value of {@code key}, one of {@code choices}, else {@code defaultValue}. */
  String choice(String key, List<String> choices, String defaultValue) {
    String value = string(key).orElse(defaultValue);
    if (!choices.contains(value)) {
      throw error(path + "." + key + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
    }
    return value;
  }

  int positive(String key, int defaultValue) {
    long value = integer(key, defaultValue);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw error(path + "." + key + " must be >= 1, got " + value);
    }
    return (int) value;
  }

  long nonNegative(String key, int defaultValue) {
    long value = integer(key, defaultValue);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw error(path + "." + key + " must be >= 0, got " + value);
    }
    return value;
  }

  long integer(String key, long defaultValue) {
    return typed(key, "an integer", v -> v.integer(key)).orElse(defaultValue);
  }

  OptionalDouble number(String key) {
    return typed(key, "a number", v -> v.number(key));
  }

  /** A share strictly between 0 and 1. */
  double fraction(String key, double defaultValue) {
    double value = typed(key, "a number in (0, 1)", v -> v.number(key)).orElse(defaultValue);
    if (!(value > 0 && value < 1)) {
      throw error(path + "." + key + " must be in (0, 1), got " + values.get(key).orElse(value));
    }
    return value;
  }

  boolean flag(String key, boolean defaultValue) {
    return typed(key, "true or false", v -> v.flag(key)).orElse(defaultValue);
  }

  /** The list under {@code key}, its items as text; empty if the key is absent. */
  List<String> strings(String key) {
    Optional<Object> value = values.get(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof List<?> list)) {
      throw typeError(key, "a list");
    }
    return list.stream().map(String::valueOf).toList();
  }

  /** A one-line error about these settings: {@code FILE: message}. */
  UserError error(String message) {
    return new UserError(file + ": " + message);
  }

  /** {@code read} of these settings, its type mismatch (of {@code key}) a one-line error saying what was expected. */
  private <T> T typed(String key, String expected, Function<Settings, T> read) {
    try {
      return read.apply(values);
    } catch (IllegalArgumentException e) {
      throw typeError(key, expected);
    }
  }

  private UserError typeError(String key, String expected) {
    return error(path + "." + key + " must be " + expected + ", got " + values.get(key).orElse("nothing"));
  }
}
