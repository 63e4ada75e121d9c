package org.nautilus.nas.space;

import java.util.Optional;
import java.util.OptionalLong;
import org.nautilus.nas.search.SearchRandom;

/**
 * An integer hyperparameter taking {@code low, low + step, ...} up to {@code high}.
 *
 * <p>On a log scale (step 1 only) sampling is discrete log-uniform: {@code floor(exp(U))} with
 * {@code U} uniform in [ln low, ln(high + 1)), so {@code P(v)} is proportional to {@code ln((v + 1) / v)}.
 *
 * @param name the hyperparameter's name
 * @param low the lowest value; {@code >= 1} for log scale
 * @param high the highest value, {@code >= low}
 * @param scale linear or log
 * @param step grid spacing, {@code >= 1}; 1 on a log scale
 * @param condition when the dimension is active
 */
public record IntDimension(String name, long low, long high, Scale scale, long step, Optional<Condition> condition)
    implements Dimension {
  public IntDimension {
    Dimension.checkName(name);
    if (low > high) {
      throw new IllegalArgumentException(name + ": low must be <= high, got " + low + " and " + high);
    }
    if (scale == Scale.LOG && low < 1) {
      throw new IllegalArgumentException(name + ": low must be >= 1 for log scale, got " + low);
    }
    if (step < 1 || (scale == Scale.LOG && step != 1)) {
      throw new IllegalArgumentException(name + ": step must be >= 1 (and 1 on a log scale), got " + step);
    }
    if (high - low < 0 || high - low >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + ": high - low must be < 2^31 - 1, got " + low + ".." + high);
    }
  }

  @Override
  public IntDimension when(Condition condition) {
    return new IntDimension(name, low, high, scale, step, Optional.of(condition));
  }

  @Override
  public OptionalLong cardinality() {
    return OptionalLong.of((high - low) / step + 1);
  }

  @Override
  public ParamValue valueAt(long index) {
    long n = cardinality().getAsLong();
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException(name + " index must be in 0.." + (n - 1) + ", got " + index);
    }
    return new ParamValue.Int(low + index * step);
  }

  @Override
  public long indexOf(ParamValue value) {
    long v = integer(value);
    if (v < low || v > high || (v - low) % step != 0) {
      throw new IllegalArgumentException(name + " = " + v + " is not one of " + low + ".." + high + " step " + step);
    }
    return (v - low) / step;
  }

  @Override
  public ParamValue sample(SearchRandom random) {
    if (scale == Scale.LOG) {
      double u = random.nextDouble();
      long v = (long) Math.floor(Math.exp(Math.log(low) + u * (Math.log(high + 1.0) - Math.log(low))));
      return new ParamValue.Int(Math.max(low, Math.min(high, v)));
    }
    return valueAt(random.nextInt((int) cardinality().getAsLong()));
  }

  @Override
  public ParamValue parse(String text) {
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + text + "'");
    }
    if (v < low || v > high || (v - low) % step != 0) {
      throw new IllegalArgumentException(name + " must be in " + low + ".." + high
          + (step == 1 ? "" : " step " + step) + ", got " + text);
    }
    return new ParamValue.Int(v);
  }

  @Override
  public double scaled(ParamValue value) {
    long v = integer(value);
    if (low == high) {
      return 0;
    }
    double u = scale == Scale.LOG
        ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
        : (double) (v - low) / (high - low);
    return Math.max(0, Math.min(1, u));
  }

  @Override
  public ParamValue fromScaled(double u) {
    double c = Math.max(0, Math.min(1, u));
    double v = scale == Scale.LOG
        ? Math.exp(Math.log(low) + c * (Math.log(high) - Math.log(low)))
        : low + c * (high - low);
    long index = Math.round((v - low) / step);
    return valueAt(Math.max(0, Math.min(cardinality().getAsLong() - 1, index)));
  }

  private long integer(ParamValue value) {
    if (!(value instanceof ParamValue.Int i)) {
      throw new IllegalArgumentException(name + " takes an integer value, got " + value);
    }
    return i.value();
  }
}
