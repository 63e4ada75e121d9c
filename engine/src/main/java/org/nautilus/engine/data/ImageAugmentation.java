package org.nautilus.engine.data;

import java.util.SplittableRandom;

/**
 * Training-time image augmentation: a random crop after zero padding (each image shifted by up to
 * {@code cropPadding} pixels in each direction, the uncovered border zero) and a horizontal flip with
 * probability one half. Randomness comes from the caller's generator, so a trainer that seeds it per
 * minibatch stays reproducible and resumable.
 *
 * @param cropPadding padding of the random crop in pixels, 0 for none
 * @param horizontalFlip whether to mirror half of the images left to right
 */
public record ImageAugmentation(int cropPadding, boolean horizontalFlip) {
  /** No augmentation. */
  public static final ImageAugmentation NONE = new ImageAugmentation(0, false);

  public ImageAugmentation {
    if (cropPadding < 0 || cropPadding > 64) {
      throw new IllegalArgumentException("crop padding must be in 0..64, got " + cropPadding);
    }
  }

  /** True if this changes nothing. */
  public boolean isNone() {
    return cropPadding == 0 && !horizontalFlip;
  }

  /** Augments the first {@code n} images of {@code pixels} (NCHW) in place. */
  public void apply(float[] pixels, int n, int channels, int rows, int cols, SplittableRandom random) {
    if (isNone()) {
      return;
    }
    int plane = rows * cols;
    float[] source = new float[plane];
    for (int image = 0; image < n; image++) {
      int dy = cropPadding == 0 ? 0 : random.nextInt(2 * cropPadding + 1) - cropPadding;
      int dx = cropPadding == 0 ? 0 : random.nextInt(2 * cropPadding + 1) - cropPadding;
      boolean flip = horizontalFlip && random.nextBoolean();
      for (int c = 0; c < channels; c++) {
        int base = (image * channels + c) * plane;
        System.arraycopy(pixels, base, source, 0, plane);
        for (int r = 0; r < rows; r++) {
          int sr = r + dy;
          for (int col = 0; col < cols; col++) {
            int sc = (flip ? cols - 1 - col : col) + dx;
            pixels[base + r * cols + col] = sr >= 0 && sr < rows && sc >= 0 && sc < cols ? source[sr * cols + sc] : 0f;
          }
        }
      }
    }
  }
}
