package org.nautilus.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.nautilus.surrogate.kernel.Kernel;
import org.nautilus.surrogate.kernel.Matern52;
import org.nautilus.surrogate.kernel.Overlap;
import org.nautilus.surrogate.kernel.Product;
import org.nautilus.surrogate.kernel.Rbf;
import org.nautilus.surrogate.kernel.Sum;

class GaussianProcessTest {
  private static double[][] points(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble();
      }
    }
    return x;
  }

  @Test
  void posteriorMatchesTheClosedFormWithTwoPoints() {
    // RBF, l = 0.5, variance 2, noise 0.1; points 0 and 1 with y = 1, 3 -> standardized -1, +1 (mean 2, sd 1)
    Hyperparameters h = new Hyperparameters(Kernel.scaled(Rbf.of(new int[] {0}).withLengthscale(0.5), 2), 0.1);
    GaussianProcess gp = GaussianProcess.fit(new double[][] {{0}, {1}}, new double[] {1, 3}, h);
    double k12 = 2 * Math.exp(-0.5 * 4); // r = 1 / 0.5
    double a = 2 + 0.1;
    double det = a * a - k12 * k12; // K^-1 = [[a, -k12], [-k12, a]] / det
    double xs = 0.3;
    double k1 = 2 * Math.exp(-0.5 * (0.3 / 0.5) * (0.3 / 0.5));
    double k2 = 2 * Math.exp(-0.5 * (0.7 / 0.5) * (0.7 / 0.5));
    double w1 = (a * k1 - k12 * k2) / det; // (K^-1 k*)_1
    double w2 = (-k12 * k1 + a * k2) / det;
    double mean = 2 + 1 * (w1 * -1 + w2 * 1);
    double variance = 2 - (k1 * w1 + k2 * w2);
    Prediction p = gp.predict(new double[] {xs});
    assertEquals(mean, p.mean(), 1e-12);
    assertEquals(variance, p.variance(), 1e-12);
    // log marginal likelihood by hand: -z^T K^-1 z / 2 - ln det K / 2 - ln(2 pi)
    // z^T K^-1 z with z = (-1, 1): (a + a + 2 (-k12)(-1)(1)) / det
    double quadratic = (2 * a + 2 * k12) / det;
    assertEquals(-0.5 * quadratic - 0.5 * Math.log(det) - Math.log(2 * Math.PI), gp.logMarginalLikelihood(), 1e-12);
  }

  @Test
  void logMarginalLikelihoodMatchesADirectComputation() {
    double[][] x = points(23, 3, 5);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.sin(4 * x[i][0]) + x[i][1] * x[i][2];
    }
    Kernel kernel = Kernel.scaled(Kernel.matern52(3).withParameters(new double[] {-0.5, 0.2, 0.7}), 1.7);
    Hyperparameters h = new Hyperparameters(kernel, 0.03);
    GaussianProcess gp = GaussianProcess.fit(x, y, h);
    // the same with Commons Math: standardize, K + noise I, Cholesky determinant and solve
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length);
    RealVector z = new ArrayRealVector(java.util.Arrays.stream(y).map(v -> (v - mean) / sd).toArray());
    RealMatrix k = new Array2DRowRealMatrix(x.length, x.length);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        k.setEntry(i, j, kernel.value(x[i], x[j]) + (i == j ? 0.03 : 0));
      }
    }
    CholeskyDecomposition c = new CholeskyDecomposition(k);
    double expected = -0.5 * z.dotProduct(c.getSolver().solve(z)) - 0.5 * Math.log(c.getDeterminant())
        - 0.5 * x.length * Math.log(2 * Math.PI);
    assertEquals(expected, gp.logMarginalLikelihood(), 1e-9);
    assertEquals(expected, Likelihood.evaluate(x, z.toArray(), h).value(), 1e-9);
    assertEquals(0, gp.jitter(), 0);
  }

  @Test
  void choleskyAndInverseAgreeWithCommonsMath() {
    for (int n : new int[] {1, 7, 37, 40}) {
      double[][] x = points(n, 2, n);
      Kernel kernel = Kernel.scaled(Kernel.matern52(2), 1);
      double[] k = new double[n * n];
      RealMatrix m = new Array2DRowRealMatrix(n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          k[i * n + j] = kernel.value(x[i], x[j]) + (i == j ? 0.01 : 0);
          m.setEntry(i, j, k[i * n + j]);
        }
      }
      double[] l = k.clone();
      assertTrue(Cholesky.factor(l, n));
      RealMatrix expected = new CholeskyDecomposition(m).getL();
      double[] inverse = Cholesky.inverse(l, n);
      RealMatrix expectedInverse = new CholeskyDecomposition(m).getSolver().getInverse();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(expected.getEntry(i, j), l[i * n + j], 1e-12, "L(" + i + "," + j + ") n=" + n);
          assertEquals(expectedInverse.getEntry(i, j), inverse[i * n + j], 1e-8 * Math.abs(expectedInverse.getEntry(i, j)) + 1e-8);
        }
      }
    }
    assertTrue(!Cholesky.factor(new double[] {1, 2, 2, 1}, 2), "an indefinite matrix has no Cholesky factor");
  }

  /** Central differences of the log likelihood against the analytic gradient, for several kernel shapes. */
  @Test
  void gradientMatchesFiniteDifferences() {
    double[][] x = points(30, 3, 11);
    for (int i = 0; i < x.length; i++) {
      x[i][2] = Math.floor(x[i][2] * 3); // a categorical input with 3 values
    }
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.cos(3 * x[i][0]) - x[i][1] + 0.4 * x[i][2];
    }
    double[] z = Standardization.of(y).apply(y);
    Kernel numeric = Matern52.of(new int[] {0, 1}).withParameters(new double[] {-0.4, 0.3});
    Kernel categorical = Overlap.of(new int[] {2}).withParameters(new double[] {0.2});
    Kernel[] kernels = {
        Kernel.scaled(Kernel.matern52(2).withParameters(new double[] {-0.3, 0.5}), 1.3),
        Kernel.scaled(Rbf.of(new int[] {0, 1}).withParameters(new double[] {-0.8, 0.1}), 0.7),
        new Sum(Kernel.scaled(numeric, 0.8), Kernel.scaled(categorical, 0.4)),
        Kernel.scaled(new Product(numeric, categorical), 1.1),
    };
    for (Kernel kernel : kernels) {
      Hyperparameters h = new Hyperparameters(kernel, 0.05);
      double[] theta = h.vector();
      double[] analytic = Likelihood.evaluate(x, z, h).gradient();
      for (int j = 0; j < theta.length; j++) {
        double step = 1e-5;
        double[] up = theta.clone();
        double[] down = theta.clone();
        up[j] += step;
        down[j] -= step;
        double numericGradient = (Likelihood.evaluate(x, z, h.withVector(up)).value()
            - Likelihood.evaluate(x, z, h.withVector(down)).value()) / (2 * step);
        assertEquals(numericGradient, analytic[j], 1e-6 * Math.max(1, Math.abs(numericGradient)),
            h.names().get(j) + " of " + kernel.getClass().getSimpleName());
      }
    }
  }

  @Test
  void batchPredictionsEqualSinglePredictions() {
    double[][] x = points(40, 4, 2);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][0] - 2 * x[i][3] * x[i][1];
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(Kernel.scaled(Kernel.matern52(4), 1), 0.01));
    double[][] q = points(300, 4, 3); // more than one block of 128
    double[] means = new double[q.length];
    double[] variances = new double[q.length];
    gp.predict(q, means, variances);
    double[] cheapMeans = new double[q.length];
    double[] bounds = new double[q.length];
    gp.predictMeans(q, cheapMeans, bounds);
    double mean = java.util.Arrays.stream(y).average().orElseThrow();
    double prior = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length; // s^2 k(p, p)
    int tighter = 0;
    for (int i = 0; i < q.length; i++) {
      Prediction p = gp.predict(q[i]);
      assertEquals(p.mean(), means[i], 1e-12);
      assertEquals(p.variance(), variances[i], 1e-12);
      assertEquals(p.mean(), cheapMeans[i], 1e-12);
      assertTrue(bounds[i] >= p.variance() - 1e-12, "variance bound below the variance at " + i);
      tighter += bounds[i] < 0.9 * prior ? 1 : 0;
    }
    assertTrue(tighter > q.length / 2, "the bound should be well below the prior variance mostly, was for " + tighter);
  }

  @Test
  void oneMoreObservationEqualsARefit() {
    double[][] x = points(31, 2, 8);
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.sin(5 * x[i][0]) + x[i][1];
    }
    Hyperparameters h = new Hyperparameters(Kernel.scaled(Kernel.matern52(2), 1.5), 0.02);
    GaussianProcess grown = GaussianProcess.fit(java.util.Arrays.copyOf(x, 30), java.util.Arrays.copyOf(y, 30), h)
        .withObservation(x[30], y[30]);
    GaussianProcess full = GaussianProcess.fit(x, y, h);
    assertEquals(31, grown.size());
    assertEquals(full.logMarginalLikelihood(), grown.logMarginalLikelihood(), 1e-9);
    for (double[] q : points(20, 2, 9)) {
      assertEquals(full.predict(q).mean(), grown.predict(q).mean(), 1e-10);
      assertEquals(full.predict(q).variance(), grown.predict(q).variance(), 1e-10);
    }
  }

  @Test
  void duplicatePointsWithoutNoiseGetJitterNotAnException() {
    double[][] x = {{0.1, 0.2}, {0.1, 0.2}, {0.1, 0.2}, {0.7, 0.4}};
    double[] y = {1, 1, 1, 2};
    GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(Kernel.scaled(Kernel.matern52(2), 1), 1e-300));
    assertTrue(gp.jitter() > 0, "three identical rows need jitter");
    Prediction p = gp.predict(new double[] {0.1, 0.2});
    assertEquals(1, p.mean(), 1e-3);
    assertTrue(Double.isFinite(p.variance()) && p.variance() >= 0);
    // one more duplicate through the O(n^2) path
    GaussianProcess more = gp.withObservation(new double[] {0.1, 0.2}, 1);
    assertEquals(1, more.predict(new double[] {0.1, 0.2}).mean(), 1e-3);
  }

  @Test
  void constantObjectiveGivesAFlatPosterior() {
    double[][] x = points(10, 2, 4);
    double[] y = new double[10];
    java.util.Arrays.fill(y, 0.75);
    GaussianProcess gp = GaussianProcess.fit(x, y, new Hyperparameters(Kernel.scaled(Kernel.matern52(2), 1), 0.01));
    Prediction p = gp.predict(new double[] {0.5, 0.5});
    assertEquals(0.75, p.mean(), 1e-12);
    assertTrue(Double.isFinite(gp.logMarginalLikelihood()));
    GpFitter.Fit fit = GpFitter.fit(x, y, gp.hyperparameters(), FitConfig.defaults(1));
    assertEquals(0.75, fit.model().predict(new double[] {0.2, 0.9}).mean(), 1e-9);
  }

  @Test
  void degenerateDataIsAClearErrorNotNaN() {
    Hyperparameters h = new Hyperparameters(Kernel.scaled(Kernel.matern52(1), 1), 0.01);
    DegenerateDataException nan = assertThrows(DegenerateDataException.class,
        () -> GaussianProcess.fit(new double[][] {{0}, {1}}, new double[] {0.5, Double.NaN}, h));
    assertEquals("observation 1 is NaN; a Gaussian process needs finite observations (leave failed trials out)",
        nan.getMessage());
    assertThrows(DegenerateDataException.class, () -> GaussianProcess.fit(new double[0][], new double[0], h));
    assertThrows(DegenerateDataException.class,
        () -> GaussianProcess.fit(new double[][] {{Double.POSITIVE_INFINITY}}, new double[] {1}, h));
    assertThrows(DegenerateDataException.class,
        () -> GpFitter.fit(new double[][] {{0}, {1}}, new double[] {0.5, Double.NaN}, h, FitConfig.defaults(1)));
    GaussianProcess gp = GaussianProcess.fit(new double[][] {{0}}, new double[] {1}, h);
    assertThrows(DegenerateDataException.class, () -> gp.withObservation(new double[] {1}, Double.NaN));
    assertEquals("2 inputs but 1 observations", assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(new double[][] {{0}, {1}}, new double[] {1}, h)).getMessage());
  }
}
