package org.nautilus.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
  private IdxFiles() {}

  /** IDX image bytes: magic, count, rows, cols, then {@code pixels}. */
  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(cols);
    out.write(pixels);
    return bytes.toByteArray();
  }

  /** IDX label bytes: magic, count, then {@code labels}. */
  static byte[] labels(int magic, int count, byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.write(labels);
    return bytes.toByteArray();
  }

  /** Pixel {@code i} of a test pattern. */
  static byte pixel(int i) {
    return (byte) (i * 37 % 256);
  }

  /** {@code count} images of {@code rows x cols} with {@link #pixel(int)} values. */
  static byte[] pattern(int count, int rows, int cols) {
    byte[] p = new byte[count * rows * cols];
    for (int i = 0; i < p.length; i++) {
      p[i] = pixel(i);
    }
    return p;
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    if (!gzip) {
      return Files.write(file, content);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }
}
