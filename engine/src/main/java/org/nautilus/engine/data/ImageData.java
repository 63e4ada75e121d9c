package org.nautilus.engine.data;

import java.util.Objects;

/**
 * The three splits a trainer needs: {@code train} to fit weights, {@code validation} for the search
 * objective, {@code test} measured only once at the end of a trial.
 */
public record ImageData(ImageDataset train, ImageDataset validation, ImageDataset test) {
  public ImageData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    if (train.size() == 0 || validation.size() == 0 || test.size() == 0) {
      throw new IllegalArgumentException("every split needs images, got train " + train.size()
          + ", validation " + validation.size() + ", test " + test.size());
    }
    if (!sameShape(train, validation) || !sameShape(train, test)) {
      throw new IllegalArgumentException("splits differ in image shape or classes: " + train + ", "
          + validation + ", " + test);
    }
  }

  /**
   * Splits {@code trainAll} into training and validation deterministically: of each class, the last
   * {@code ceil(fraction * count)} images (in file order) become validation data, so the
   * validation set is carved from the end of the training file and is class-balanced whenever the
   * training file is. Both parts keep the original order.
   */
  public static ImageData split(ImageDataset trainAll, ImageDataset test, double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
    }
    int[] counts = trainAll.classCounts();
    int[] keep = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      keep[c] = counts[c] - (int) Math.ceil(validationFraction * counts[c]);
    }
    int validationSize = 0;
    for (int c = 0; c < counts.length; c++) {
      validationSize += counts[c] - keep[c];
    }
    int[] trainIndices = new int[trainAll.size() - validationSize];
    int[] validationIndices = new int[validationSize];
    int[] seen = new int[counts.length];
    int t = 0;
    int v = 0;
    for (int i = 0; i < trainAll.size(); i++) {
      int label = trainAll.label(i);
      if (seen[label]++ < keep[label]) {
        trainIndices[t++] = i;
      } else {
        validationIndices[v++] = i;
      }
    }
    return new ImageData(trainAll.select(trainIndices), trainAll.select(validationIndices), test);
  }

  private static boolean sameShape(ImageDataset a, ImageDataset b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a.channels() == b.channels()
        && a.numClasses() == b.numClasses();
  }
}
