package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @TempDir
  Path dir;

  @Test
  void bundledSubsetIsClassBalanced() {
    ImageData data = FashionMnist.bundled();

    assertEquals(4500, data.train().size());
    assertEquals(500, data.validation().size());
    assertEquals(1000, data.test().size());
    assertArrayEquals(filled(450), data.train().classCounts());
    assertArrayEquals(filled(50), data.validation().classCounts());
    assertArrayEquals(filled(100), data.test().classCounts());
    assertEquals(28, data.train().rows());
    assertEquals(28, data.train().cols());
    float[] image = data.test().image(0);
    float max = 0;
    for (float p : image) {
      assertTrue(p >= 0f && p <= 1f);
      max = Math.max(max, p);
    }
    assertTrue(max > 0.5f, "pixels are scaled to [0, 1] and not blank");
  }

  @Test
  void missingDirectoryNamesDirectoryAndFiles() {
    Path missing = dir.resolve("nowhere");

    DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.fromDirectory(missing));

    assertEquals(missing + ": no such directory; expected one holding train-images-idx3-ubyte[.gz], "
        + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]", e.getMessage());
  }

  @Test
  void directoryWithoutIdxFilesNamesExpectedFiles() throws IOException {
    Files.writeString(dir.resolve("README"), "nothing here");

    DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.fromDirectory(dir));

    assertEquals(dir + ": no Fashion-MNIST IDX files; expected train-images-idx3-ubyte[.gz], "
        + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]", e.getMessage());
  }

  @Test
  void loadsPlainAndGzippedFilesFromDirectory() throws IOException {
    byte[] labels = new byte[20];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 10);
    }
    IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.images(2051, 20, 28, 28, IdxFiles.pattern(20, 28, 28)), true);
    IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(2049, 20, labels), false);
    IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2051, 10, 28, 28, IdxFiles.pattern(10, 28, 28)), false);
    IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.labels(2049, 10, java.util.Arrays.copyOf(labels, 10)), true);

    ImageData data = FashionMnist.fromDirectory(dir);

    assertEquals(10, data.train().size());
    assertEquals(10, data.validation().size());
    assertEquals(10, data.test().size());
  }

  @Test
  void missingOneFileIsNamed() throws IOException {
    IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.images(2051, 1, 28, 28, new byte[784]), false);

    DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.fromDirectory(dir));

    assertTrue(e.getMessage().startsWith(dir + ": missing train-labels-idx1-ubyte[.gz]; expected "), e.getMessage());
  }

  private static int[] filled(int value) {
    int[] a = new int[10];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
