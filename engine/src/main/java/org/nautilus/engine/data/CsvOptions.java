package org.nautilus.engine.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a CSV data set.
 *
 * @param labelColumn the header name of the target column; every other column is a numeric feature.
 *     Without a header, the column's 0-based index as text ({@code "4"})
 * @param task classification (the target is a class name) or regression (a number)
 * @param classes for classification, the allowed class names in label order; empty to take the
 *     distinct values found, in numeric order if all are integers, else in string order
 * @param header the first line names the columns; else every line is a row and columns are named by
 *     their 0-based index ({@code "0"}, {@code "1"}, ...)
 */
public record CsvOptions(String labelColumn, Task task, Optional<List<String>> classes, boolean header) {
  public CsvOptions {
    Objects.requireNonNull(labelColumn, "labelColumn");
    Objects.requireNonNull(task, "task");
    classes = Objects.requireNonNull(classes, "classes").map(List::copyOf);
    if (task == Task.REGRESSION && classes.isPresent()) {
      throw new IllegalArgumentException("classes are for classification, not regression");
    }
    if (!header && !labelColumn.matches("0|[1-9]\\d{0,8}")) {
      throw new IllegalArgumentException("without a header the label column is a 0-based index, got '"
          + labelColumn + "'");
    }
  }

  /** Classification on {@code labelColumn}, classes taken from the data. */
  public static CsvOptions classification(String labelColumn) {
    return new CsvOptions(labelColumn, Task.CLASSIFICATION, Optional.empty(), true);
  }

  /** Regression on {@code labelColumn}. */
  public static CsvOptions regression(String labelColumn) {
    return new CsvOptions(labelColumn, Task.REGRESSION, Optional.empty(), true);
  }

  /** This classification with the class names fixed (a value outside them is an error). */
  public CsvOptions withClasses(List<String> names) {
    return new CsvOptions(labelColumn, Task.CLASSIFICATION, Optional.of(names), header);
  }

  /**
   * These options for a file without a header line, whose label column is {@link #labelColumn} read as a
   * 0-based index, e.g. {@code CsvOptions.classification("4").withoutHeader()}.
   */
  public CsvOptions withoutHeader() {
    return new CsvOptions(labelColumn, task, classes, false);
  }
}
