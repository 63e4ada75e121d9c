package org.nautilus.nas.space;

/** The value of one hyperparameter: a real number, an integer, or a category name. */
public sealed interface ParamValue {
  /** The value as written in canonical strings; parsing it gives the same value back exactly. */
  String text();

  /** The value as a double (a category has none and throws {@link IllegalStateException}). */
  double asDouble();

  /** A real value; {@link #text()} is {@link Double#toString(double)}, which round-trips exactly. */
  record Real(double value) implements ParamValue {
    public Real {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a real hyperparameter value must be finite, got " + value);
      }
      value = value == 0.0 ? 0.0 : value; // -0.0 and 0.0 are one value
    }

    @Override
    public String text() {
      return Double.toString(value);
    }

    @Override
    public double asDouble() {
      return value;
    }
  }

  /** An integer value. */
  record Int(long value) implements ParamValue {
    @Override
    public String text() {
      return Long.toString(value);
    }

    @Override
    public double asDouble() {
      return value;
    }
  }

  /** A category name. */
  record Category(String value) implements ParamValue {
    public Category {
      Dimension.checkToken("category", value);
    }

    @Override
    public String text() {
      return value;
    }

    @Override
    public double asDouble() {
      throw new IllegalStateException("category '" + value + "' has no numeric value");
    }
  }
}
