package org.nautilus.surrogate.gp;

/**
 * The posterior of the latent function at one point, in the units of the observations.
 *
 * @param mean posterior mean
 * @param variance posterior variance of the latent function (observation noise excluded), {@code >= 0}
 */
public record Prediction(double mean, double variance) {
  public double stdDev() {
    return Math.sqrt(variance);
  }
}
