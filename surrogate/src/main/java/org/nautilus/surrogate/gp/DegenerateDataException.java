package org.nautilus.surrogate.gp;

/**
 * The data cannot define a Gaussian process: no points, a non-finite value, or a kernel matrix that is
 * not positive definite even with the largest jitter. Thrown instead of returning NaN.
 */
public final class DegenerateDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DegenerateDataException(String message) {
    super(message);
  }
}
