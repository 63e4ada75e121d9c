package org.nautilus.surrogate.acquisition;

import org.apache.commons.math3.special.Erf;

/** Numerically careful pieces of the standard normal for the acquisition functions. */
final class NormalTail {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double HALF_LOG_PI_OVER_2 = 0.5 * Math.log(Math.PI / 2);
  private static final double SQRT2 = Math.sqrt(2);
  /** Beyond it {@code erfc(x)} underflows; the asymptotic series takes over (its next term is below 1e-12). */
  private static final double ERFCX_SERIES_FROM = 26;

  private NormalTail() {}

  /** {@code Phi(z)}, the standard normal cdf, accurate in the lower tail. */
  static double cdf(double z) {
    return 0.5 * Erf.erfc(-z / SQRT2);
  }

  /** {@code phi(z)}, the standard normal density. */
  static double density(double z) {
    return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
  }

  /** {@code erfcx(x) = exp(x^2) erfc(x)} for {@code x >= 0}, without overflow or underflow. */
  static double erfcx(double x) {
    if (x < ERFCX_SERIES_FROM) {
      return Math.exp(x * x) * Erf.erfc(x);
    }
    // erfcx(x) ~ 1 / (x sqrt(pi)) (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3 + 105/(2x^2)^4)
    double u = 1 / (2 * x * x);
    return (1 - u * (1 - 3 * u * (1 - 5 * u * (1 - 7 * u)))) / (x * Math.sqrt(Math.PI));
  }

  /**
   * {@code ln h(z)}, {@code h(z) = phi(z) + z Phi(z)}, the expected improvement of a unit-variance normal
   * at standardized improvement z, accurate for every finite z (Ament et al., NeurIPS 2023, eq. 9):
   * directly for {@code z > -1}; for {@code z <= -1} as
   * {@code -z^2/2 - ln sqrt(2 pi) + ln(1 - sqrt(pi/2) |z| erfcx(|z| / sqrt 2))}, the last term by
   * {@code log1mexp}; for {@code z < -1/sqrt(eps)} by the asymptote {@code -z^2/2 - ln sqrt(2 pi) - 2 ln |z|}.
   */
  static double logH(double z) {
    if (z > -1) {
      return Math.log(density(z) + z * cdf(z));
    }
    double a = -z;
    if (a > 1 / Math.sqrt(Math.ulp(1.0))) {
      return -0.5 * z * z - LOG_SQRT_2PI - 2 * Math.log(a);
    }
    double logTerm = Math.log(erfcx(a / SQRT2) * a) + HALF_LOG_PI_OVER_2; // ln of a number in (0, 1)
    return -0.5 * z * z - LOG_SQRT_2PI + log1mexp(logTerm);
  }

  /** {@code ln(1 - exp(x))} for {@code x < 0}, accurate near 0 and far from it (Maechler 2012). */
  static double log1mexp(double x) {
    return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
  }
}
