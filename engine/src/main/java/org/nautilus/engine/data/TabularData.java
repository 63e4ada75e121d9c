package org.nautilus.engine.data;

import java.util.Objects;

/**
 * The three splits of a tabular problem: {@code train} to fit, {@code validation} for the search
 * objective, {@code test} measured only at the end of a trial and never used during search.
 */
public record TabularData(TabularDataset train, TabularDataset validation, TabularDataset test) {
  public TabularData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    for (TabularDataset part : new TabularDataset[] {validation, test}) {
      if (part.task() != train.task() || part.numFeatures() != train.numFeatures()
          || !part.classNames().equals(train.classNames())) {
        throw new IllegalArgumentException("splits differ in task, features or classes: " + train + ", " + part);
      }
    }
    if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
      throw new IllegalArgumentException("every split needs rows, got train " + train.size() + ", validation "
          + validation.size() + ", test " + test.size());
    }
  }

  /**
   * Splits {@code all} by {@code holdout} into training and validation rows, keeps {@code test}
   * apart, and standardizes all three with statistics of the training rows only.
   */
  public static TabularData of(TabularDataset all, TabularDataset test, ValidationScheme.Holdout holdout) {
    int[] labels = all.task() == Task.CLASSIFICATION ? all.labels() : ValidationScheme.unlabelled(all.size());
    Split split = holdout.splits(labels).get(0);
    TabularDataset train = all.select(split.train());
    FeatureScaler scaler = FeatureScaler.standardize(train);
    return new TabularData(scaler.apply(train), scaler.apply(all.select(split.validation())), scaler.apply(test));
  }
}
