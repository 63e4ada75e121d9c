package org.nautilus.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads Fashion-MNIST (28x28 grey-scale images of clothing, 10 classes; MIT licence, Copyright (c)
 * 2017 Zalando SE) either from the subset bundled with this module or from a directory holding the
 * four original IDX files.
 *
 * <p>The bundled subset holds the first 500 training and the first 100 test images of every class,
 * taken in file order from Debian's {@code dataset-fashion-mnist} (see the NOTICE beside the
 * resources and {@code engine/src/build/make_fashion_subset.py}).
 */
public final class FashionMnist {
  /** Number of classes. */
  public static final int CLASSES = 10;
  /** Default share of the training file held out for validation, taken from its end. */
  public static final double VALIDATION_FRACTION = 0.1;
  /** Class names, indexed by label. */
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  private static final String RESOURCE_DIR = "fashion-mnist/";

  private FashionMnist() {}

  /** The bundled class-balanced subset: 4,500 training, 500 validation and 1,000 test images. */
  public static ImageData bundled() {
    return bundled(VALIDATION_FRACTION);
  }

  /** The bundled subset, holding out {@code validationFraction} of each class for validation. */
  public static ImageData bundled(double validationFraction) {
    ImageDataset train = readResource(TRAIN_IMAGES + ".gz", TRAIN_LABELS + ".gz");
    ImageDataset test = readResource(TEST_IMAGES + ".gz", TEST_LABELS + ".gz");
    return ImageData.split(train, test, validationFraction);
  }

  /** Fashion-MNIST from {@code dir}, holding out the default {@link #VALIDATION_FRACTION}. */
  public static ImageData fromDirectory(Path dir) {
    return fromDirectory(dir, VALIDATION_FRACTION);
  }

  /**
   * Fashion-MNIST from {@code dir}, which holds {@code train-images-idx3-ubyte},
   * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
   * {@code t10k-labels-idx1-ubyte}, each optionally with a {@code .gz} suffix (and gzipped or not:
   * the content decides).
   */
  public static ImageData fromDirectory(Path dir, double validationFraction) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir + ": no such directory; expected one holding " + expectedNames());
    }
    Path[] found = new Path[FILES.size()];
    int missing = 0;
    for (int i = 0; i < FILES.size(); i++) {
      found[i] = find(dir, FILES.get(i));
      if (found[i] == null) {
        missing++;
      }
    }
    if (missing == FILES.size()) {
      throw new DatasetException(dir + ": no Fashion-MNIST IDX files; expected " + expectedNames());
    }
    for (int i = 0; i < FILES.size(); i++) {
      if (found[i] == null) {
        throw new DatasetException(dir + ": missing " + FILES.get(i) + "[.gz]; expected " + expectedNames());
      }
    }
    ImageDataset train = IdxReader.read(found[0], found[1], CLASSES);
    ImageDataset test = IdxReader.read(found[2], found[3], CLASSES);
    return ImageData.split(train, test, validationFraction);
  }

  private static Path find(Path dir, String name) {
    for (String candidate : List.of(name + ".gz", name)) {
      Path file = dir.resolve(candidate);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  private static String expectedNames() {
    return String.join(", ", FILES.stream().map(f -> f + "[.gz]").toList());
  }

  private static ImageDataset readResource(String images, String labels) {
    try (InputStream imageStream = resource(images); InputStream labelStream = resource(labels)) {
      return IdxReader.read(images, IdxReader.decompressIfGzip(imageStream), labels,
          IdxReader.decompressIfGzip(labelStream), CLASSES);
    } catch (IOException e) {
      throw new DatasetException("bundled Fashion-MNIST: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String file) {
    InputStream in = FashionMnist.class.getResourceAsStream(RESOURCE_DIR + file);
    if (in == null) {
      throw new DatasetException("bundled Fashion-MNIST: resource " + FashionMnist.class.getPackageName().replace('.', '/')
          + "/" + RESOURCE_DIR + file + " is missing from the classpath");
    }
    return in;
  }
}
