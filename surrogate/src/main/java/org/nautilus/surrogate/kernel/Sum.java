package org.nautilus.surrogate.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code left(a, b) + right(a, b)}, e.g. numeric and categorical parts that act additively. */
public record Sum(Kernel left, Kernel right) implements Kernel {
  @Override
  public int parameterCount() {
    return left.parameterCount() + right.parameterCount();
  }

  @Override
  public double[] parameters() {
    return Pairs.concat(left.parameters(), right.parameters());
  }

  @Override
  public Kernel withParameters(double[] logParameters) {
    Dims.checkLength(logParameters, parameterCount(), "sum kernel parameters");
    int n = left.parameterCount();
    return new Sum(left.withParameters(Arrays.copyOfRange(logParameters, 0, n)),
        right.withParameters(Arrays.copyOfRange(logParameters, n, logParameters.length)));
  }

  @Override
  public double[] lowerBounds() {
    return Pairs.concat(left.lowerBounds(), right.lowerBounds());
  }

  @Override
  public double[] upperBounds() {
    return Pairs.concat(left.upperBounds(), right.upperBounds());
  }

  @Override
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>(left.parameterNames());
    names.addAll(right.parameterNames());
    return names;
  }

  @Override
  public double value(double[] a, double[] b) {
    return left.value(a, b) + right.value(a, b);
  }

  @Override
  public void addGradient(double[] a, double[] b, double weight, double[] gradient, int offset) {
    left.addGradient(a, b, weight, gradient, offset);
    right.addGradient(a, b, weight, gradient, offset + left.parameterCount());
  }
}
