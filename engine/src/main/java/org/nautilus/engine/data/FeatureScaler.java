package org.nautilus.engine.data;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * A per-feature affine map {@code x -> (x - shift) / scale}, fitted on training data and then applied
 * unchanged to validation and test data (fitting on those would leak them into training).
 *
 * @param shift subtracted from each feature
 * @param scale each feature is divided by it; never 0
 */
public record FeatureScaler(double[] shift, double[] scale) {
  public FeatureScaler {
    shift = shift.clone();
    scale = scale.clone();
    if (shift.length != scale.length) {
      throw new IllegalArgumentException(shift.length + " shifts but " + scale.length + " scales");
    }
    for (int j = 0; j < scale.length; j++) {
      if (!(scale[j] != 0 && Double.isFinite(scale[j]) && Double.isFinite(shift[j]))) {
        throw new IllegalArgumentException("feature " + j + ": shift " + shift[j] + ", scale " + scale[j]
            + " (scale must be finite and non-zero)");
      }
    }
  }

  /**
   * Standardization: mean 0 and (population) standard deviation 1 per feature on {@code train}; a
   * constant feature is only centred (scale 1), as scikit-learn's {@code StandardScaler}.
   */
  public static FeatureScaler standardize(TabularDataset train) {
    int d = train.numFeatures();
    double[] shift = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double[] column = column(train, j);
      shift[j] = new Mean().evaluate(column);
      double std = new StandardDeviation(false).evaluate(column);
      scale[j] = std > 0 ? std : 1;
    }
    return new FeatureScaler(shift, scale);
  }

  /**
   * Min-max normalization: each feature of {@code train} mapped onto [0, 1]; a constant feature maps to
   * 0 (scale 1), as scikit-learn's {@code MinMaxScaler}. Other data may fall outside [0, 1].
   */
  public static FeatureScaler normalize(TabularDataset train) {
    int d = train.numFeatures();
    double[] shift = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double[] column = column(train, j);
      double min = Arrays.stream(column).min().orElseThrow();
      double max = Arrays.stream(column).max().orElseThrow();
      shift[j] = min;
      scale[j] = max > min ? max - min : 1;
    }
    return new FeatureScaler(shift, scale);
  }

  /** {@code data} with every feature mapped. */
  public TabularDataset apply(TabularDataset data) {
    if (data.numFeatures() != shift.length) {
      throw new IllegalArgumentException("scaler fitted on " + shift.length + " features, data has "
          + data.numFeatures());
    }
    float[] features = data.features();
    int d = shift.length;
    for (int i = 0; i < features.length; i++) {
      features[i] = (float) ((features[i] - shift[i % d]) / scale[i % d]);
    }
    return data.withFeatures(features);
  }

  @Override
  public double[] shift() {
    return shift.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureScaler f && Arrays.equals(shift, f.shift) && Arrays.equals(scale, f.scale);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shift) + Arrays.hashCode(scale);
  }

  @Override
  public String toString() {
    return "FeatureScaler[shift=" + Arrays.toString(shift) + ", scale=" + Arrays.toString(scale) + "]";
  }

  private static double[] column(TabularDataset data, int j) {
    double[] column = new double[data.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = data.feature(i, j);
    }
    return column;
  }
}
