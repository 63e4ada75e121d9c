package org.nautilus.engine.data;

import java.util.List;
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
    return of(all, test, holdout.splits(labels(all)).get(0));
  }

  /**
   * One {@link TabularData} per split of {@code all} by {@code scheme} (k folds, or one per row for
   * leave-one-out), each standardized with the statistics of its own training rows, the test rows
   * included (so each fold's model sees the test split as it saw its training rows).
   */
  public static List<TabularData> folds(TabularDataset all, TabularDataset test, ValidationScheme scheme) {
    return scheme.splits(labels(all)).stream().map(split -> of(all, test, split)).toList();
  }

  /** The labels a scheme stratifies by: the classes, or none for regression. */
  static int[] labels(TabularDataset all) {
    return all.task() == Task.CLASSIFICATION ? all.labels() : ValidationScheme.unlabelled(all.size());
  }

  private static TabularData of(TabularDataset all, TabularDataset test, Split split) {
    TabularDataset train = all.select(split.train());
    FeatureScaler scaler = FeatureScaler.standardize(train);
    return new TabularData(scaler.apply(train), scaler.apply(all.select(split.validation())), scaler.apply(test));
  }
}
