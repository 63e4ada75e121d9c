package org.nautilus.engine.data;

/** One-hot encoding of class labels. */
public final class OneHot {
  private OneHot() {}

  /**
   * Row-major {@code labels.length x numClasses} floats, 1 at each row's label and 0 elsewhere; a label
   * outside {@code 0..numClasses-1} is an {@link IllegalArgumentException} naming its row.
   */
  public static float[] encode(int[] labels, int numClasses) {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
    }
    float[] encoded = new float[labels.length * numClasses];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside 0.." + (numClasses - 1));
      }
      encoded[i * numClasses + labels[i]] = 1f;
    }
    return encoded;
  }
}
