package org.nautilus.nas.space;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.nautilus.nas.search.SearchRandom;

/**
 * A hyperparameter taking one of a list of names, unordered.
 *
 * @param name the hyperparameter's name
 * @param values the distinct values, at least one, each matching {@link Dimension#TOKEN}
 * @param condition when the dimension is active
 */
public record CategoricalDimension(String name, List<String> values, Optional<Condition> condition)
    implements Dimension {
  public CategoricalDimension {
    Dimension.checkName(name);
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + ": a categorical dimension needs at least one value");
    }
    for (String v : values) {
      Dimension.checkToken(name + " value", v);
    }
    if (new HashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(name + ": values must be distinct, got " + values);
    }
  }

  @Override
  public CategoricalDimension when(Condition condition) {
    return new CategoricalDimension(name, values, Optional.of(condition));
  }

  @Override
  public OptionalLong cardinality() {
    return OptionalLong.of(values.size());
  }

  @Override
  public ParamValue valueAt(long index) {
    if (index < 0 || index >= values.size()) {
      throw new IllegalArgumentException(name + " index must be in 0.." + (values.size() - 1) + ", got " + index);
    }
    return new ParamValue.Category(values.get((int) index));
  }

  @Override
  public long indexOf(ParamValue value) {
    int index = value instanceof ParamValue.Category c ? values.indexOf(c.value()) : -1;
    if (index < 0) {
      throw new IllegalArgumentException(name + " must be one of " + String.join(", ", values) + ", got " + value.text());
    }
    return index;
  }

  @Override
  public ParamValue sample(SearchRandom random) {
    return valueAt(random.nextInt(values.size()));
  }

  @Override
  public ParamValue parse(String text) {
    if (!values.contains(text)) {
      throw new IllegalArgumentException(name + " must be one of " + String.join(", ", values) + ", got '" + text + "'");
    }
    return new ParamValue.Category(text);
  }

  @Override
  public double scaled(ParamValue value) {
    return values.size() == 1 ? 0 : (double) indexOf(value) / (values.size() - 1);
  }

  @Override
  public ParamValue fromScaled(double u) {
    double c = Math.max(0, Math.min(1, u));
    return valueAt(Math.round(c * (values.size() - 1)));
  }
}
