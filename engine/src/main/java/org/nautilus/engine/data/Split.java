package org.nautilus.engine.data;

import java.util.Arrays;

/**
 * One train/validation division of a data set's rows, as row indices in increasing order; the two
 * never share a row.
 *
 * @param train rows to fit on
 * @param validation rows to measure on
 */
public record Split(int[] train, int[] validation) {
  public Split {
    train = train.clone();
    validation = validation.clone();
    Arrays.sort(train);
    Arrays.sort(validation);
  }

  @Override
  public int[] train() {
    return train.clone();
  }

  @Override
  public int[] validation() {
    return validation.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(validation, s.validation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(train) + Arrays.hashCode(validation);
  }

  @Override
  public String toString() {
    return "Split[train " + train.length + ", validation " + validation.length + "]";
  }
}
