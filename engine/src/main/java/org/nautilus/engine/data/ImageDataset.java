package org.nautilus.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of labelled single-channel images: pixels scaled to [0, 1] and stored in NCHW
 * order (image-major, then channel, row, column), with one integer label in {@code 0..numClasses-1}
 * per image.
 *
 * <p>Accessors never expose the backing arrays; {@link #copyImages(int[], int, int, float[])} is the
 * allocation-free way to assemble a minibatch.
 */
public final class ImageDataset {
  private final int rows;
  private final int cols;
  private final int channels;
  private final int numClasses;
  private final float[] pixels;
  private final int[] labels;

  private ImageDataset(int rows, int cols, int channels, int numClasses, float[] pixels, int[] labels) {
    this.rows = rows;
    this.cols = cols;
    this.channels = channels;
    this.numClasses = numClasses;
    this.pixels = pixels;
    this.labels = labels;
  }

  /**
   * A data set over copies of {@code pixels} ({@code labels.length * channels * rows * cols}
   * values in NCHW order) and {@code labels}; throws {@link IllegalArgumentException} naming the
   * inconsistent argument.
   */
  public static ImageDataset of(int rows, int cols, int channels, int numClasses, float[] pixels, int[] labels) {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    if (rows < 1 || cols < 1 || channels < 1) {
      throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + rows + "x" + cols);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
    }
    long expected = (long) labels.length * channels * rows * cols;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(labels.length + " images of " + channels + "x" + rows + "x" + cols
          + " need " + expected + " pixels, got " + pixels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.." + (numClasses - 1));
      }
    }
    return new ImageDataset(rows, cols, channels, numClasses, pixels.clone(), labels.clone());
  }

  /** Wraps arrays the caller hands over and never touches again (no copy, no check). */
  static ImageDataset adopt(int rows, int cols, int numClasses, float[] pixels, int[] labels) {
    return new ImageDataset(rows, cols, 1, numClasses, pixels, labels);
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Image height in pixels. */
  public int rows() {
    return rows;
  }

  /** Image width in pixels. */
  public int cols() {
    return cols;
  }

  /** Channels per image (1 for grey-scale). */
  public int channels() {
    return channels;
  }

  /** Number of classes; labels are in {@code 0..numClasses-1}. */
  public int numClasses() {
    return numClasses;
  }

  /** Values per image: {@code channels * rows * cols}. */
  public int imageSize() {
    return channels * rows * cols;
  }

  /** Label of image {@code index}. */
  public int label(int index) {
    return labels[Objects.checkIndex(index, labels.length)];
  }

  /** A copy of all labels. */
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of image {@code index}'s pixels, in CHW order. */
  public float[] image(int index) {
    Objects.checkIndex(index, labels.length);
    int size = imageSize();
    return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
  }

  /**
   * Copies the images {@code order[from..to)} one after another into {@code dest} starting at 0
   * (NCHW), e.g. to fill a minibatch in a shuffled order.
   */
  public void copyImages(int[] order, int from, int to, float[] dest) {
    int size = imageSize();
    if (dest.length < (to - from) * size) {
      throw new IllegalArgumentException("dest holds " + dest.length + " values, need " + (to - from) * size);
    }
    for (int i = from; i < to; i++) {
      System.arraycopy(pixels, Objects.checkIndex(order[i], labels.length) * size, dest, (i - from) * size, size);
    }
  }

  /** The images {@code from} (inclusive) to {@code to} (exclusive), in order. */
  public ImageDataset subset(int from, int to) {
    Objects.checkFromToIndex(from, to, labels.length);
    int size = imageSize();
    return new ImageDataset(rows, cols, channels, numClasses,
        Arrays.copyOfRange(pixels, from * size, to * size), Arrays.copyOfRange(labels, from, to));
  }

  /** The images at {@code indices}, in that order. */
  public ImageDataset select(int[] indices) {
    int size = imageSize();
    float[] p = new float[indices.length * size];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      int source = Objects.checkIndex(indices[i], labels.length);
      System.arraycopy(pixels, source * size, p, i * size, size);
      l[i] = labels[source];
    }
    return new ImageDataset(rows, cols, channels, numClasses, p, l);
  }

  /** Number of images of each class, indexed by label. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public String toString() {
    return "ImageDataset[" + size() + " x " + channels + "x" + rows + "x" + cols + ", " + numClasses + " classes]";
  }
}
