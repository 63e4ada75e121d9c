package org.nautilus.nas.space;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.nautilus.nas.search.SearchRandom;

/**
 * A real hyperparameter in [{@code low}, {@code high}]: continuous, or on the grid
 * {@code low + i * step} (linear scale only, computed in decimal so {@code 0 + 3 * 0.3} is {@code 0.9})
 * when {@code step} is present.
 *
 * @param name the hyperparameter's name
 * @param low the lowest value; {@code > 0} for log scale
 * @param high the highest value, {@code > low}
 * @param scale linear or log
 * @param step grid spacing, positive and at most {@code high - low}; linear scale only
 * @param condition when the dimension is active
 */
public record FloatDimension(String name, double low, double high, Scale scale, OptionalDouble step,
    Optional<Condition> condition) implements Dimension {
  private static final double SLACK = 1e-9;

  public FloatDimension {
    Dimension.checkName(name);
    if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
      throw new IllegalArgumentException(name + ": low must be < high, got " + low + " and " + high);
    }
    if (scale == Scale.LOG && !(low > 0)) {
      throw new IllegalArgumentException(name + ": low must be > 0 for log scale, got " + low);
    }
    if (step.isPresent()) {
      double s = step.getAsDouble();
      if (scale == Scale.LOG) {
        throw new IllegalArgumentException(name + ": step is only allowed on a linear scale");
      }
      if (!(s > 0) || s > (high - low) * (1 + SLACK)) {
        throw new IllegalArgumentException(name + ": step must be in (0, high - low], got " + s);
      }
    }
  }

  @Override
  public FloatDimension when(Condition condition) {
    return new FloatDimension(name, low, high, scale, step, Optional.of(condition));
  }

  @Override
  public OptionalLong cardinality() {
    return step.isPresent()
        ? OptionalLong.of((long) Math.floor((high - low) / step.getAsDouble() + SLACK) + 1)
        : OptionalLong.empty();
  }

  @Override
  public ParamValue valueAt(long index) {
    long n = cardinality().orElseThrow(() -> new IllegalStateException(name + " is continuous"));
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException(name + " index must be in 0.." + (n - 1) + ", got " + index);
    }
    // decimal arithmetic, so that 0 + 3 * 0.3 is 0.9 as written, not 0.8999999999999999
    double v = new java.math.BigDecimal(Double.toString(low))
        .add(new java.math.BigDecimal(Double.toString(step.getAsDouble())).multiply(java.math.BigDecimal.valueOf(index)))
        .doubleValue();
    return new ParamValue.Real(Math.min(high, v));
  }

  @Override
  public long indexOf(ParamValue value) {
    double v = real(value);
    double s = step.orElseThrow(() -> new IllegalStateException(name + " is continuous"));
    long index = Math.round((v - low) / s);
    if (index < 0 || index >= cardinality().getAsLong() || valueAt(index).asDouble() != v) {
      throw new IllegalArgumentException(name + " = " + v + " is not on its grid " + low + " + i * " + s);
    }
    return index;
  }

  @Override
  public ParamValue sample(SearchRandom random) {
    if (step.isPresent()) {
      return valueAt(random.nextInt(Math.toIntExact(Math.min(cardinality().getAsLong(), Integer.MAX_VALUE))));
    }
    return fromScaled(random.nextDouble());
  }

  @Override
  public ParamValue parse(String text) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + text + "'");
    }
    if (!(v >= low && v <= high)) {
      throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], got " + text);
    }
    if (step.isPresent()) {
      long index = Math.round((v - low) / step.getAsDouble());
      ParamValue snapped = valueAt(Math.max(0, Math.min(cardinality().getAsLong() - 1, index)));
      if (Math.abs(snapped.asDouble() - v) > SLACK * step.getAsDouble()) {
        throw new IllegalArgumentException(name + " must be " + low + " + i * " + step.getAsDouble() + ", got " + text);
      }
      return snapped;
    }
    return new ParamValue.Real(v);
  }

  @Override
  public double scaled(ParamValue value) {
    double v = real(value);
    double u = scale == Scale.LOG
        ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
        : (v - low) / (high - low);
    return Math.max(0, Math.min(1, u));
  }

  @Override
  public ParamValue fromScaled(double u) {
    double c = Math.max(0, Math.min(1, u));
    if (step.isPresent()) {
      long n = cardinality().getAsLong();
      double v = low + c * (high - low);
      return valueAt(Math.max(0, Math.min(n - 1, Math.round((v - low) / step.getAsDouble()))));
    }
    double v = scale == Scale.LOG
        ? Math.exp(Math.log(low) + c * (Math.log(high) - Math.log(low)))
        : low + c * (high - low);
    return new ParamValue.Real(Math.max(low, Math.min(high, v)));
  }

  private double real(ParamValue value) {
    if (!(value instanceof ParamValue.Real r)) {
      throw new IllegalArgumentException(name + " takes a real value, got " + value);
    }
    return r.value();
  }
}
