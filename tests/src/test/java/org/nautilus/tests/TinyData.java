package org.nautilus.tests;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.data.ImageDataset;

/** Small slices of the bundled Fashion-MNIST subset, so end-to-end tests train in seconds. */
final class TinyData {
  private TinyData() {}

  /** The first {@code n} images of a dataset. */
  static ImageDataset first(ImageDataset data, int n) {
    return data.subset(0, Math.min(n, data.size()));
  }

  /** {@code train} training, 10% of them for validation, and {@code test} test images. */
  static ImageData of(int train, int test) {
    ImageData bundled = FashionMnist.bundled();
    return ImageData.split(first(bundled.train(), train), first(bundled.test(), test), 0.1);
  }

  /** Writes {@code train} and {@code test} images as a Fashion-MNIST IDX directory (gzipped). */
  static Path writeIdxDirectory(Path dir, int train, int test) throws IOException {
    ImageData bundled = FashionMnist.bundled();
    write(dir, "train", first(bundled.train(), train));
    write(dir, "t10k", first(bundled.test(), test));
    return dir;
  }

  private static void write(Path dir, String prefix, ImageDataset data) throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out = gz(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
      out.writeInt(2051);
      out.writeInt(data.size());
      out.writeInt(data.rows());
      out.writeInt(data.cols());
      for (int i = 0; i < data.size(); i++) {
        for (float pixel : data.image(i)) {
          out.writeByte(Math.round(pixel * 255));
        }
      }
    }
    try (DataOutputStream out = gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      out.writeInt(2049);
      out.writeInt(data.size());
      for (int i = 0; i < data.size(); i++) {
        out.writeByte(data.label(i));
      }
    }
  }

  private static DataOutputStream gz(Path file) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(new GZIPOutputStream(raw));
  }
}
