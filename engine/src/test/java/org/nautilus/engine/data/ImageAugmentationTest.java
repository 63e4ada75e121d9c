package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageAugmentationTest {
  /** One 3x3 image with pixels 1..9, row-major. */
  private static float[] image() {
    return new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
  }

  @Test
  void flipMirrorsRowsForAboutHalfTheImages() {
    float[] many = new float[200 * 9];
    for (int i = 0; i < 200; i++) {
      System.arraycopy(image(), 0, many, i * 9, 9);
    }
    new ImageAugmentation(0, true).apply(many, 200, 1, 3, 3, new SplittableRandom(1));
    int flipped = 0;
    for (int i = 0; i < 200; i++) {
      float[] one = java.util.Arrays.copyOfRange(many, i * 9, i * 9 + 9);
      if (one[0] == 3) {
        assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, one);
        flipped++;
      } else {
        assertArrayEquals(image(), one);
      }
    }
    assertTrue(flipped > 70 && flipped < 130, flipped + " of 200 flipped");
  }

  @Test
  void cropShiftsWithinThePaddingAndFillsTheBorderWithZeros() {
    for (long seed = 0; seed < 50; seed++) {
      float[] x = image();
      SplittableRandom random = new SplittableRandom(seed);
      SplittableRandom replay = new SplittableRandom(seed);
      new ImageAugmentation(1, false).apply(x, 1, 1, 3, 3, random);
      int dy = replay.nextInt(3) - 1;
      int dx = replay.nextInt(3) - 1;
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          int sr = r + dy;
          int sc = c + dx;
          float expected = sr >= 0 && sr < 3 && sc >= 0 && sc < 3 ? image()[sr * 3 + sc] : 0;
          assertEquals(expected, x[r * 3 + c], "seed " + seed + " at " + r + "," + c);
        }
      }
    }
  }

  @Test
  void noneChangesNothing() {
    float[] x = image();
    ImageAugmentation.NONE.apply(x, 1, 1, 3, 3, new SplittableRandom(0));
    assertArrayEquals(image(), x);
  }
}
