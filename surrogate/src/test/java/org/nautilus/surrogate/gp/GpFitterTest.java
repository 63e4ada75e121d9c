package org.nautilus.surrogate.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nautilus.surrogate.kernel.Kernel;
import org.nautilus.surrogate.kernel.Matern52;
import org.nautilus.surrogate.kernel.Scaled;

class GpFitterTest {
  /** y = sin(6 x0) + 0.1 e on [0, 1]^2; x1 is irrelevant. */
  private static double[][] x;
  private static double[] y;

  static {
    SplittableRandom r = new SplittableRandom(3);
    x = new double[120][2];
    y = new double[120];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = r.nextDouble();
      x[i][1] = r.nextDouble();
      y[i] = Math.sin(6 * x[i][0]) + 0.1 * r.nextGaussian();
    }
  }

  private static Hyperparameters initial() {
    return new Hyperparameters(Kernel.scaled(Kernel.matern52(2).withLengthscale(0.5), 1), 0.1);
  }

  @Test
  void fitRaisesTheLikelihoodAndFindsTheNoiseAndTheIrrelevantInput() {
    GpFitter.Fit fit = GpFitter.fit(x, y, initial(), FitConfig.defaults(1));
    double before = GaussianProcess.fit(x, y, initial()).logMarginalLikelihood();
    assertTrue(fit.model().logMarginalLikelihood() > before + 10, fit.model().logMarginalLikelihood() + " vs " + before);
    // noise on the data's scale: noise variance times the outputs' variance; the truth is 0.1^2 = 0.01
    double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> v * v).average().orElseThrow()
        - Math.pow(java.util.Arrays.stream(y).average().orElseThrow(), 2));
    double noise = fit.hyperparameters().noiseVariance() * sd * sd;
    assertTrue(noise > 0.005 && noise < 0.02, "noise " + noise);
    double[] lengthscales = ((Matern52) ((Scaled) fit.hyperparameters().kernel()).inner()).lengthscales();
    assertTrue(lengthscales[1] > 5 * lengthscales[0], "x1 is irrelevant: " + fit.hyperparameters());
  }

  @Test
  void theOptimumHasAZeroGradientOnItsFreeCoordinates() {
    GpFitter.Fit fit = GpFitter.fit(x, y, initial(), FitConfig.defaults(1));
    Hyperparameters h = fit.hyperparameters();
    double[] g = Likelihood.evaluate(x, Standardization.of(y).apply(y), h).gradient();
    double[] v = h.vector();
    double[] upper = h.kernel().upperBounds();
    for (int i = 0; i < g.length; i++) {
      boolean atBound = i < upper.length && v[i] >= upper[i] - 1e-9;
      if (!atBound) {
        assertEquals(0, g[i], 1e-3, h.names().get(i));
      }
    }
  }

  @Test
  void fittingIsDeterministicAndTheSubsetIsSeeded() {
    FitConfig config = FitConfig.defaults(9).withSubsetSize(60);
    GpFitter.Fit a = GpFitter.fit(x, y, initial(), config);
    GpFitter.Fit b = GpFitter.fit(x, y, initial(), config);
    assertArrayEquals(a.hyperparameters().vector(), b.hyperparameters().vector());
    assertEquals(120, a.model().size()); // the posterior uses every point
    GpFitter.Fit other = GpFitter.fit(x, y, initial(), config.withSeed(10));
    assertTrue(!java.util.Arrays.equals(a.hyperparameters().vector(), other.hyperparameters().vector()),
        "another seed draws another subset");
  }

  @Test
  void aWarmStartAtTheOptimumIsKept() {
    GpFitter.Fit cold = GpFitter.fit(x, y, initial(), FitConfig.defaults(1));
    GpFitter.Fit warm = GpFitter.fit(x, y, initial(), List.of(cold.hyperparameters()),
        FitConfig.defaults(2).withStarts(1).withMaxIterations(0));
    // with 0 iterations only the starts are compared: the warm start beats the initial guess
    assertEquals(cold.model().logMarginalLikelihood(), warm.model().logMarginalLikelihood(), 1e-9);
  }

  @Test
  void aStrongPriorPullsTowardsItsCentre() {
    GpFitter.Fit free = GpFitter.fit(x, y, initial(), FitConfig.defaults(1));
    GpFitter.Fit held = GpFitter.fit(x, y, initial(), FitConfig.defaults(1).withPriorSd(0.01));
    double[] centre = initial().vector();
    double freeDistance = 0;
    double heldDistance = 0;
    for (int i = 0; i < centre.length; i++) {
      freeDistance += Math.abs(free.hyperparameters().vector()[i] - centre[i]);
      heldDistance += Math.abs(held.hyperparameters().vector()[i] - centre[i]);
    }
    assertTrue(heldDistance < 0.1 * freeDistance, heldDistance + " vs " + freeDistance);
  }

  @Test
  void polishingASubsetsFitReachesTheLikelihoodOfAFitOnAllThePoints() {
    // 300 points in 4 dimensions, the likelihood optimized on 40 of them, then polished on 80, 160 and 300
    // (with 40 points the subset's optimum is far off, and the first polishing steps need their fallbacks)
    SplittableRandom r = new SplittableRandom(11);
    double[][] big = new double[300][4];
    double[] out = new double[300];
    for (int i = 0; i < big.length; i++) {
      for (int j = 0; j < 4; j++) {
        big[i][j] = r.nextDouble();
      }
      out[i] = Math.sin(4 * big[i][0]) + big[i][1] * big[i][2] + 0.05 * r.nextGaussian();
    }
    Hyperparameters start = new Hyperparameters(Kernel.scaled(Kernel.matern52(4), 1), 0.01);
    FitConfig config = FitConfig.defaults(4).withSubsetSize(40);
    GpFitter.Fit all = GpFitter.fit(big, out, start, config.withSubsetSize(300));
    GpFitter.Fit polished = GpFitter.fit(big, out, start, config);
    GpFitter.Fit subsetOnly = GpFitter.fit(big, out, start, config.withRefineIterations(0));
    double best = all.model().logMarginalLikelihood();
    assertTrue(polished.model().logMarginalLikelihood() >= best - 1e-6,
        "polished " + polished.model().logMarginalLikelihood() + " vs all points " + best);
    assertTrue(subsetOnly.model().logMarginalLikelihood() < best - 0.1,
        "without the polish the subset's optimum is measurably worse: " + subsetOnly.model().logMarginalLikelihood());
    // the posterior reuses the polish's last factor: the same likelihood as a fresh posterior
    assertEquals(GaussianProcess.fit(big, out, polished.hyperparameters()).logMarginalLikelihood(),
        polished.model().logMarginalLikelihood(), 0);
  }

  @Test
  void boundedLbfgsStopsAtTheBoundOfABoxThatExcludesTheMinimum() {
    // Rosenbrock (1 - a)^2 + 100 (b - a^2)^2, minimum (1, 1); within a <= 0.5 the minimum is (0.5, 0.25)
    BoundedLbfgs.Function rosenbrock = (p, g) -> {
      double a = p[0];
      double b = p[1];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    };
    BoundedLbfgs.Result r = BoundedLbfgs.minimize(rosenbrock, new double[] {-1.5, 1.5}, new double[] {-2, -2},
        new double[] {0.5, 2}, 500, 1e-10, 0);
    assertEquals(0.5, r.x()[0], 1e-9);
    assertEquals(0.25, r.x()[1], 1e-6);
    BoundedLbfgs.Result free = BoundedLbfgs.minimize(rosenbrock, new double[] {-1.5, 1.5}, new double[] {-2, -2},
        new double[] {2, 2}, 500, 1e-10, 0);
    assertEquals(1, free.x()[0], 1e-6);
    assertEquals(1, free.x()[1], 1e-6);
  }
}
