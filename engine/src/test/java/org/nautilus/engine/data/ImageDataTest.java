package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageDataTest {
  /** 20 images of 1x2x2; image i has label i % 4 and every pixel equal to i / 100. */
  private static ImageDataset sample() {
    int n = 20;
    float[] pixels = new float[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 4;
      for (int p = 0; p < 4; p++) {
        pixels[i * 4 + p] = i / 100f;
      }
    }
    return ImageDataset.of(2, 2, 1, 4, pixels, labels);
  }

  @Test
  void subsetAndSelectKeepPixelsAndLabels() {
    ImageDataset set = sample();

    ImageDataset sub = set.subset(5, 8);
    ImageDataset picked = set.select(new int[] {19, 0});

    assertEquals(3, sub.size());
    assertArrayEquals(new int[] {1, 2, 3}, sub.labels());
    assertEquals(0.05f, sub.image(0)[3], 0f);
    assertArrayEquals(new int[] {3, 0}, picked.labels());
    assertEquals(0.19f, picked.image(0)[0], 0f);
  }

  @Test
  void copyImagesFollowsTheOrder() {
    ImageDataset set = sample();
    float[] dest = new float[8];

    set.copyImages(new int[] {7, 3, 11}, 1, 3, dest);

    assertEquals(0.03f, dest[0], 0f);
    assertEquals(0.11f, dest[4], 0f);
  }

  @Test
  void splitTakesTheLastImagesOfEachClassForValidation() {
    ImageDataset set = sample();

    ImageData data = ImageData.split(set, set.subset(0, 4), 0.2);

    // each class has 5 images (i, i+4, ..., i+16); the last one of each, 16..19, is validation
    assertEquals(16, data.train().size());
    assertArrayEquals(new int[] {0, 1, 2, 3}, data.validation().labels());
    assertEquals(0.16f, data.validation().image(0)[0], 0f);
    assertArrayEquals(new int[] {4, 4, 4, 4}, data.train().classCounts());
  }

  @Test
  void rejectsInconsistentArguments() {
    assertThrows(IllegalArgumentException.class, () -> ImageDataset.of(2, 2, 1, 4, new float[7], new int[2]));
    assertThrows(IllegalArgumentException.class, () -> ImageDataset.of(2, 2, 1, 4, new float[4], new int[] {4}));
    assertThrows(IllegalArgumentException.class, () -> ImageData.split(sample(), sample(), 1.0));
  }
}
