package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  private static final int N = 5;
  private static final int ROWS = 3;
  private static final int COLS = 4;
  private static final byte[] LABELS = {3, 0, 9, 1, 3};

  @TempDir
  Path dir;

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabels(boolean gzip) throws IOException {
    Path images = IdxFiles.write(dir.resolve("images"), IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), gzip);
    Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(2049, N, LABELS), gzip);

    ImageDataset set = IdxReader.read(images, labels, 10);

    assertEquals(N, set.size());
    assertEquals(ROWS, set.rows());
    assertEquals(COLS, set.cols());
    assertEquals(1, set.channels());
    assertEquals(10, set.numClasses());
    assertArrayEquals(new int[] {3, 0, 9, 1, 3}, set.labels());
    float[] second = set.image(1);
    for (int i = 0; i < ROWS * COLS; i++) {
      assertEquals((IdxFiles.pixel(ROWS * COLS + i) & 0xff) / 255f, second[i], 0f);
    }
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    Path images = IdxFiles.write(dir.resolve("plain.gz"), IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), false);
    Path labels = IdxFiles.write(dir.resolve("zipped-without-suffix"), IdxFiles.labels(2049, N, LABELS), true);

    assertEquals(N, IdxReader.read(images, labels, 10).size());
  }

  @Test
  void badMagicNamesFileAndExpectedValue() throws IOException {
    Path images = IdxFiles.write(dir.resolve("train-images-idx3-ubyte.gz"),
        IdxFiles.images(1234, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), true);
    Path labels = IdxFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.labels(2049, N, LABELS), true);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("train-images-idx3-ubyte.gz: bad magic number 1234 at byte 0, expected 2051 (IDX images)", e.getMessage());
  }

  @Test
  void labelFileWithImageMagicIsRejected() throws IOException {
    Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), false);
    Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(2051, N, LABELS), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("l: bad magic number 2051 at byte 0, expected 2049 (IDX labels)", e.getMessage());
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void truncatedImagesNameTheOffset(boolean gzip) throws IOException {
    byte[] full = IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS));
    Path images = IdxFiles.write(dir.resolve("imgs"), Arrays.copyOf(full, full.length - 7), gzip);
    Path labels = IdxFiles.write(dir.resolve("lbls"), IdxFiles.labels(2049, N, LABELS), gzip);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("imgs: truncated at byte " + (full.length - 7) + " while reading 5 images of 3x4, 60 bytes from byte 16",
        e.getMessage());
  }

  @Test
  void truncatedGzipStreamIsReportedAsTruncation() throws IOException {
    byte[] full = IdxFiles.images(2051, 200, 28, 28, IdxFiles.pattern(200, 28, 28));
    Path whole = IdxFiles.write(dir.resolve("whole.gz"), full, true);
    byte[] zipped = Files.readAllBytes(whole);
    Path images = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(zipped, zipped.length / 2));
    Path labels = IdxFiles.write(dir.resolve("lbls"), IdxFiles.labels(2049, 200, new byte[200]), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertTrue(e.getMessage().startsWith("cut.gz: truncated at byte "), e.getMessage());
    assertTrue(e.getMessage().endsWith("while reading 200 images of 28x28, 156800 bytes from byte 16"), e.getMessage());
  }

  @Test
  void truncatedHeaderNamesTheField() throws IOException {
    Path images = Files.write(dir.resolve("short"), new byte[] {0, 0, 8, 3, 0, 0});
    Path labels = IdxFiles.write(dir.resolve("lbls"), IdxFiles.labels(2049, N, LABELS), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("short: truncated at byte 6 while reading the item count", e.getMessage());
  }

  @Test
  void countMismatchNamesBothFiles() throws IOException {
    Path images = IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), false);
    Path labels = IdxFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(2049, N - 1, Arrays.copyOf(LABELS, N - 1)), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("t10k-labels-idx1-ubyte: 4 labels at byte 4, but t10k-images-idx3-ubyte has 5 images", e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesItemAndOffset() throws IOException {
    Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS)), false);
    Path labels = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.labels(2049, N, new byte[] {1, 2, 12, 3, 4}), true);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("labels.gz: label 12 at byte 10 (item 2) is outside 0..9", e.getMessage());
  }

  @Test
  void trailingDataIsRejected() throws IOException {
    byte[] full = IdxFiles.images(2051, N, ROWS, COLS, IdxFiles.pattern(N, ROWS, COLS));
    Path images = IdxFiles.write(dir.resolve("i"), Arrays.copyOf(full, full.length + 1), false);
    Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(2049, N, LABELS), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("i: unexpected data at byte 76 after 5 images of 3x4 (expected the end of the file)", e.getMessage());
  }

  @Test
  void badDimensionNamesTheField() throws IOException {
    Path images = IdxFiles.write(dir.resolve("i"), IdxFiles.images(2051, N, 0, COLS, new byte[0]), false);
    Path labels = IdxFiles.write(dir.resolve("l"), IdxFiles.labels(2049, N, LABELS), false);

    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(images, labels, 10));

    assertEquals("i: bad rows 0 at byte 8, expected 1..4096", e.getMessage());
  }

  @Test
  void missingFileIsOneLine() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> IdxReader.read(dir.resolve("nope"), dir.resolve("nope2"), 10));

    assertTrue(e.getMessage().endsWith("nope: no such file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
