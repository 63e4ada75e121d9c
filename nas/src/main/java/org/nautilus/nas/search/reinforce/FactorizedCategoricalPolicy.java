package org.nautilus.nas.search.reinforce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.nautilus.nas.search.SearchRandom;

/**
 * One independent categorical distribution per decision, {@code p_d = softmax(logits_d)}, starting
 * uniform (all logits zero). Computed with {@link StrictMath} so that proposals are the same on every
 * JVM and CPU.
 */
public final class FactorizedCategoricalPolicy implements Policy {
  private final int[] cardinalities;
  private final double[][] logits;

  private FactorizedCategoricalPolicy(int[] cardinalities) {
    this.cardinalities = cardinalities.clone();
    this.logits = new double[cardinalities.length][];
    for (int d = 0; d < cardinalities.length; d++) {
      if (cardinalities[d] < 1) {
        throw new IllegalArgumentException("decision " + d + " has " + cardinalities[d] + " values; needs >= 1");
      }
      logits[d] = new double[cardinalities[d]];
    }
  }

  /** The uniform policy over decisions with these numbers of values. */
  public static FactorizedCategoricalPolicy uniform(int[] cardinalities) {
    return new FactorizedCategoricalPolicy(cardinalities);
  }

  @Override
  public String kind() {
    return "factorized-categorical";
  }

  @Override
  public int[] cardinalities() {
    return cardinalities.clone();
  }

  /** A copy of decision {@code d}'s logits. */
  public double[] logits(int d) {
    return logits[d].clone();
  }

  /** Decision {@code d}'s probabilities. */
  public double[] probabilities(int d) {
    double[] z = logits[d];
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double[] p = new double[z.length];
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      p[k] = StrictMath.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  @Override
  public int[] sample(SearchRandom random) {
    int[] out = new int[logits.length];
    for (int d = 0; d < out.length; d++) {
      double[] p = probabilities(d);
      double u = random.nextDouble();
      int k = 0;
      while (k < p.length - 1 && u >= p[k]) {
        u -= p[k++];
      }
      out[d] = k;
    }
    return out;
  }

  @Override
  public double logProbability(int[] decisions) {
    check(decisions);
    double sum = 0;
    for (int d = 0; d < decisions.length; d++) {
      sum += StrictMath.log(probabilities(d)[decisions[d]]);
    }
    return sum;
  }

  @Override
  public double entropy() {
    double h = 0;
    for (int d = 0; d < logits.length; d++) {
      h += entropy(probabilities(d));
    }
    return h;
  }

  private static double entropy(double[] p) {
    double h = 0;
    for (double q : p) {
      if (q > 0) {
        h -= q * StrictMath.log(q);
      }
    }
    return h;
  }

  /**
   * {@code logits_d += lr * (advantage * (onehot(a_d) - p_d) - beta * p_d * (log p_d + H_d))}: the exact
   * gradients of the log-probability and of the entropy with respect to the logits.
   */
  @Override
  public void reinforce(int[] decisions, double advantage, double learningRate, double entropyCoefficient) {
    check(decisions);
    for (int d = 0; d < decisions.length; d++) {
      double[] p = probabilities(d);
      double h = entropy(p);
      for (int k = 0; k < p.length; k++) {
        double logGrad = (k == decisions[d] ? 1 : 0) - p[k];
        double entropyGrad = p[k] > 0 ? -p[k] * (StrictMath.log(p[k]) + h) : 0;
        logits[d][k] += learningRate * (advantage * logGrad + entropyCoefficient * entropyGrad);
      }
    }
  }

  private void check(int[] decisions) {
    if (decisions.length != cardinalities.length) {
      throw new IllegalArgumentException("policy has " + cardinalities.length + " decisions, got "
          + decisions.length);
    }
    for (int d = 0; d < decisions.length; d++) {
      if (decisions[d] < 0 || decisions[d] >= cardinalities[d]) {
        throw new IllegalArgumentException("decision " + d + " must be in 0.." + (cardinalities[d] - 1) + ", got "
            + decisions[d]);
      }
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(logits.length);
    for (double[] row : logits) {
      out.writeInt(row.length);
      for (double v : row) {
        out.writeLong(Double.doubleToRawLongBits(v));
      }
    }
  }

  @Override
  public void read(DataInput in) throws IOException {
    int n = in.readInt();
    if (n != logits.length) {
      throw new IllegalArgumentException("policy snapshot has " + n + " decisions, this policy " + logits.length);
    }
    double[][] restored = new double[n][];
    for (int d = 0; d < n; d++) {
      int k = in.readInt();
      if (k != cardinalities[d]) {
        throw new IllegalArgumentException("policy snapshot decision " + d + " has " + k + " values, this policy "
            + cardinalities[d]);
      }
      restored[d] = new double[k];
      for (int i = 0; i < k; i++) {
        restored[d][i] = Double.longBitsToDouble(in.readLong());
      }
    }
    for (int d = 0; d < n; d++) {
      logits[d] = restored[d];
    }
  }

  @Override
  public String toString() {
    return "FactorizedCategoricalPolicy" + Arrays.deepToString(logits);
  }
}
