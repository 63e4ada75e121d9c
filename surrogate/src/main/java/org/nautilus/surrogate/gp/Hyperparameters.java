package org.nautilus.surrogate.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nautilus.surrogate.kernel.Kernel;

/**
 * A kernel and the observation-noise variance, both on the scale of standardized outputs. As a vector
 * ({@link #vector()}): the kernel's log-hyperparameters, then {@code ln noiseVariance}.
 *
 * @param kernel the covariance of the latent function
 * @param noiseVariance variance of the observation noise, {@code > 0}
 */
public record Hyperparameters(Kernel kernel, double noiseVariance) {
  /** Default bounds of the noise variance: [1e-6, 10] (outputs are standardized). */
  public static final double MIN_NOISE = 1e-6;
  /** See {@link #MIN_NOISE}. */
  public static final double MAX_NOISE = 10;

  public Hyperparameters {
    Objects.requireNonNull(kernel, "kernel");
    if (!(noiseVariance > 0 && Double.isFinite(noiseVariance))) {
      throw new IllegalArgumentException("noise variance must be > 0 and finite, got " + noiseVariance);
    }
  }

  /** Length of {@link #vector()}. */
  public int size() {
    return kernel.parameterCount() + 1;
  }

  /** The log-hyperparameters: the kernel's, then the noise variance's. */
  public double[] vector() {
    double[] k = kernel.parameters();
    double[] out = Arrays.copyOf(k, k.length + 1);
    out[k.length] = Math.log(noiseVariance);
    return out;
  }

  /** The same structure with these log-hyperparameters. */
  public Hyperparameters withVector(double[] vector) {
    if (vector.length != size()) {
      throw new IllegalArgumentException("hyperparameter vector needs " + size() + " values, got " + vector.length);
    }
    return new Hyperparameters(kernel.withParameters(Arrays.copyOf(vector, vector.length - 1)),
        Math.exp(vector[vector.length - 1]));
  }

  /** Names in vector order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(kernel.parameterNames());
    names.add("noise");
    return names;
  }

  @Override
  public String toString() {
    double[] v = vector();
    StringBuilder s = new StringBuilder("Hyperparameters[");
    List<String> names = names();
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(String.format("%.4g", Math.exp(v[i])));
    }
    return s.append(']').toString();
  }
}
