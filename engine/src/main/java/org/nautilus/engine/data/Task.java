package org.nautilus.engine.data;

/** What a tabular data set's target is: a class label or a real value. */
public enum Task {
  CLASSIFICATION,
  REGRESSION
}
