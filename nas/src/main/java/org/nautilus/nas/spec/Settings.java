package org.nautilus.nas.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A free-form settings map of a strategy, trainer or data section, in file order. Values are
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean}, an unmodifiable {@link java.util.List}
 * of values, or an unmodifiable {@link Map} of values; a YAML/JSON null is not allowed.
 *
 * @param values the settings, in file order
 */
public record Settings(Map<String, Object> values) {
  /** No settings. */
  public static final Settings EMPTY = new Settings(Map.of());

  public Settings {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The raw value of {@code key}. */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The string value of {@code key}; throws if it is another type. */
  public Optional<String> string(String key) {
    return get(key).map(v -> cast(key, v, String.class, "a string"));
  }

  /** The numeric value of {@code key} (an integer is widened); throws if it is not a number. */
  public OptionalDouble number(String key) {
    Optional<Object> v = get(key);
    return v.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(cast(key, v.get(), Number.class, "a number").doubleValue());
  }

  /** The integer value of {@code key}; throws if it is not an integer. */
  public OptionalLong integer(String key) {
    Optional<Object> v = get(key);
    return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(cast(key, v.get(), Long.class, "an integer"));
  }

  /** The boolean value of {@code key}; throws if it is not a boolean. */
  public Optional<Boolean> flag(String key) {
    return get(key).map(v -> cast(key, v, Boolean.class, "true or false"));
  }

  private static <T> T cast(String key, Object v, Class<T> type, String what) {
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException("setting " + key + " must be " + what + ", got " + v);
    }
    return type.cast(v);
  }
}
