package org.nautilus.engine.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a CSV data set.
 *
 * @param labelColumn the header name of the target column; every other column is a numeric feature
 * @param task classification (the target is a class name) or regression (a number)
 * @param classes for classification, the allowed class names in label order; empty to take the
 *     distinct values found, in numeric order if all are integers, else in string order
 */
public record CsvOptions(String labelColumn, Task task, Optional<List<String>> classes) {
  public CsvOptions {
    Objects.requireNonNull(labelColumn, "labelColumn");
    Objects.requireNonNull(task, "task");
    classes = Objects.requireNonNull(classes, "classes").map(List::copyOf);
    if (task == Task.REGRESSION && classes.isPresent()) {
      throw new IllegalArgumentException("classes are for classification, not regression");
    }
  }

  /** Classification on {@code labelColumn}, classes taken from the data. */
  public static CsvOptions classification(String labelColumn) {
    return new CsvOptions(labelColumn, Task.CLASSIFICATION, Optional.empty());
  }

  /** Regression on {@code labelColumn}. */
  public static CsvOptions regression(String labelColumn) {
    return new CsvOptions(labelColumn, Task.REGRESSION, Optional.empty());
  }

  /** This classification with the class names fixed (a value outside them is an error). */
  public CsvOptions withClasses(List<String> names) {
    return new CsvOptions(labelColumn, Task.CLASSIFICATION, Optional.of(names));
  }
}
