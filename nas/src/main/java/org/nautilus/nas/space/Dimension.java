package org.nautilus.nas.space;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.nautilus.nas.search.SearchRandom;

/**
 * One hyperparameter: its name, its values, and an optional {@link Condition} under which it is active.
 *
 * <p>Every dimension maps its values to a <em>scaled</em> position in [0, 1] (linear in the value, or
 * in its logarithm for {@link Scale#LOG}); mutation and encodings work in that scaled space.
 */
public sealed interface Dimension permits FloatDimension, IntDimension, CategoricalDimension {
  /** Names are {@code [A-Za-z_][A-Za-z0-9_.]*}. */
  Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  /** Category values are {@code [A-Za-z0-9_.+-]+}, so canonical strings need no quoting. */
  Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.+-]+");

  /** The hyperparameter's name, unique in its space. */
  String name();

  /** When the dimension is active; empty if always. */
  Optional<Condition> condition();

  /** This dimension, active only under {@code condition}. */
  Dimension when(Condition condition);

  /** Number of values, or empty for a continuous dimension (a float without step). */
  OptionalLong cardinality();

  /** The value with index {@code index} of a finite dimension, in increasing order. */
  ParamValue valueAt(long index);

  /** Index of {@code value} in a finite dimension; throws if it is not one of its values. */
  long indexOf(ParamValue value);

  /** A random value: uniform over values, log-uniform for {@link Scale#LOG}. */
  ParamValue sample(SearchRandom random);

  /** Parses and checks a value's text; the message names the dimension and its range. */
  ParamValue parse(String text);

  /** Position of {@code value} in [0, 1]; a category's index over (number of values - 1). */
  double scaled(ParamValue value);

  /** The value nearest to scaled position {@code u} (clipped to [0, 1]). */
  ParamValue fromScaled(double u);

  /** Throws unless {@code text} matches {@link #TOKEN}. */
  static void checkToken(String what, String text) {
    if (text == null || !TOKEN.matcher(text).matches()) {
      throw new IllegalArgumentException(what + " must match " + TOKEN + ", got '" + text + "'");
    }
  }

  /** Throws unless {@code name} matches {@link #NAME}. */
  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a hyperparameter name must match " + NAME + ", got '" + name + "'");
    }
  }

  /** A linear or log float between {@code low} and {@code high}. */
  static FloatDimension ofFloat(String name, double low, double high, Scale scale) {
    return new FloatDimension(name, low, high, scale, java.util.OptionalDouble.empty(), Optional.empty());
  }

  /** A linear float taking {@code low, low + step, ...} up to {@code high}. */
  static FloatDimension ofFloat(String name, double low, double high, double step) {
    return new FloatDimension(name, low, high, Scale.LINEAR, java.util.OptionalDouble.of(step), Optional.empty());
  }

  /** An integer from {@code low} to {@code high}, step 1. */
  static IntDimension ofInt(String name, long low, long high, Scale scale) {
    return new IntDimension(name, low, high, scale, 1, Optional.empty());
  }

  /** A linear integer taking {@code low, low + step, ...} up to {@code high}. */
  static IntDimension ofInt(String name, long low, long high, long step) {
    return new IntDimension(name, low, high, Scale.LINEAR, step, Optional.empty());
  }

  /** A categorical dimension with these values, in this order. */
  static CategoricalDimension ofCategories(String name, String... values) {
    return new CategoricalDimension(name, java.util.List.of(values), Optional.empty());
  }
}
