package org.nautilus.engine.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable table of numeric features with one target per row: a class index in
 * {@code 0..numClasses-1} (classification) or a real value (regression). Features are stored row-major
 * as floats, the precision a trainer uses.
 */
public final class TabularDataset {
  private final List<String> featureNames;
  private final float[] features;
  private final double[] targets;
  private final Task task;
  private final List<String> classNames;

  private TabularDataset(List<String> featureNames, float[] features, double[] targets, Task task,
      List<String> classNames) {
    this.featureNames = featureNames;
    this.features = features;
    this.targets = targets;
    this.task = task;
    this.classNames = classNames;
  }

  /**
   * A classification set over copies of {@code features} ({@code labels.length x featureNames.size()},
   * row-major) with labels indexing {@code classNames}.
   */
  public static TabularDataset classification(List<String> featureNames, float[] features, int[] labels,
      List<String> classNames) {
    Objects.requireNonNull(labels, "labels");
    if (classNames.size() < 2) {
      throw new IllegalArgumentException("classification needs >= 2 classes, got " + classNames);
    }
    double[] targets = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside 0.."
            + (classNames.size() - 1));
      }
      targets[i] = labels[i];
    }
    return make(featureNames, features, targets, Task.CLASSIFICATION, List.copyOf(classNames));
  }

  /** A regression set over copies of {@code features} and {@code targets}. */
  public static TabularDataset regression(List<String> featureNames, float[] features, double[] targets) {
    return make(featureNames, features, targets.clone(), Task.REGRESSION, List.of());
  }

  private static TabularDataset make(List<String> featureNames, float[] features, double[] targets, Task task,
      List<String> classNames) {
    List<String> names = List.copyOf(featureNames);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a data set needs at least one feature");
    }
    if (features.length != (long) targets.length * names.size()) {
      throw new IllegalArgumentException(targets.length + " rows of " + names.size() + " features need "
          + (long) targets.length * names.size() + " values, got " + features.length);
    }
    return new TabularDataset(names, features.clone(), targets, task, classNames);
  }

  /** Number of rows. */
  public int size() {
    return targets.length;
  }

  /** Number of features per row. */
  public int numFeatures() {
    return featureNames.size();
  }

  /** Feature names, in column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Classification or regression. */
  public Task task() {
    return task;
  }

  /** Class names indexed by label; empty for regression. */
  public List<String> classNames() {
    return classNames;
  }

  /** Number of classes; 0 for regression. */
  public int numClasses() {
    return classNames.size();
  }

  /** Feature {@code j} of row {@code i}. */
  public float feature(int i, int j) {
    Objects.checkIndex(j, featureNames.size());
    return features[Objects.checkIndex(i, targets.length) * featureNames.size() + j];
  }

  /** A copy of all features, row-major. */
  public float[] features() {
    return features.clone();
  }

  /** Class label of row {@code i}; only for classification. */
  public int label(int i) {
    requireClassification();
    return (int) targets[Objects.checkIndex(i, targets.length)];
  }

  /** A copy of all class labels; only for classification. */
  public int[] labels() {
    requireClassification();
    int[] labels = new int[targets.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) targets[i];
    }
    return labels;
  }

  /** A copy of the targets: real values, or class labels as doubles. */
  public double[] targets() {
    return targets.clone();
  }

  /** One-hot labels, row-major {@code size x numClasses}; only for classification. */
  public float[] oneHotLabels() {
    return OneHot.encode(labels(), numClasses());
  }

  /** The rows at {@code indices}, in that order. */
  public TabularDataset select(int[] indices) {
    int d = featureNames.size();
    float[] f = new float[indices.length * d];
    double[] t = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int source = Objects.checkIndex(indices[i], targets.length);
      System.arraycopy(features, source * d, f, i * d, d);
      t[i] = targets[source];
    }
    return new TabularDataset(featureNames, f, t, task, classNames);
  }

  /** The same targets with other features (same row count), e.g. after scaling. */
  public TabularDataset withFeatures(float[] newFeatures) {
    if (newFeatures.length != features.length) {
      throw new IllegalArgumentException("expected " + features.length + " feature values, got " + newFeatures.length);
    }
    return new TabularDataset(featureNames, newFeatures.clone(), targets, task, classNames);
  }

  private void requireClassification() {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException("a regression data set has no class labels");
    }
  }

  @Override
  public String toString() {
    return "TabularDataset[" + size() + " x " + numFeatures() + ", " + task.name().toLowerCase()
        + (task == Task.CLASSIFICATION ? ", " + numClasses() + " classes" : "") + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TabularDataset t && featureNames.equals(t.featureNames) && Arrays.equals(features, t.features)
        && Arrays.equals(targets, t.targets) && task == t.task && classNames.equals(t.classNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, Arrays.hashCode(features), Arrays.hashCode(targets), task, classNames);
  }
}
