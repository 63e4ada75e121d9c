package org.nautilus.engine.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: an image file (magic 2051: count, rows, cols,
 * then unsigned bytes) and a label file (magic 2049: count, then one unsigned byte per label), each
 * optionally gzipped. Gzip is recognised by its magic bytes {@code 0x1f 0x8b}, never by file name.
 *
 * <p>Every problem is a {@link DatasetException} whose one-line message names the file and the byte
 * offset (in the uncompressed stream) or field at fault.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
  public static final int IMAGES_MAGIC = 2051;
  /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
  public static final int LABELS_MAGIC = 2049;
  /** Largest accepted image side, to reject garbage headers before allocating. */
  public static final int MAX_SIDE = 4096;

  private IdxReader() {}

  /** Reads an image file and its label file; labels must lie in {@code 0..numClasses-1}. */
  public static ImageDataset read(Path images, Path labels, int numClasses) {
    try (InputStream imageStream = open(images); InputStream labelStream = open(labels)) {
      return read(fileName(images), imageStream, fileName(labels), labelStream, numClasses);
    } catch (IOException e) {
      throw new DatasetException(fileName(images) + ", " + fileName(labels) + ": " + oneLine(e), e);
    }
  }

  /**
   * Reads images and labels from streams (closed by the caller); the names appear in error
   * messages.
   */
  public static ImageDataset read(String imagesName, InputStream images, String labelsName, InputStream labels,
      int numClasses) {
    if (numClasses < 2 || numClasses > 256) {
      throw new IllegalArgumentException("numClasses must be in 2..256, got " + numClasses);
    }
    Source imageSource = new Source(imagesName, images);
    int count = imageSource.header(IMAGES_MAGIC, "IDX images");
    int rows = imageSource.dimension("rows");
    int cols = imageSource.dimension("cols");
    long total = (long) count * rows * cols;
    if (total > Integer.MAX_VALUE - 16) {
      throw new DatasetException(imagesName + ": " + count + " images of " + rows + "x" + cols
          + " is too many to load (header at byte 4)");
    }
    byte[] raw = imageSource.body((int) total, count + " images of " + rows + "x" + cols);

    Source labelSource = new Source(labelsName, labels);
    int labelCount = labelSource.header(LABELS_MAGIC, "IDX labels");
    if (labelCount != count) {
      throw new DatasetException(labelsName + ": " + labelCount + " labels at byte 4, but " + imagesName
          + " has " + count + " images");
    }
    byte[] rawLabels = labelSource.body(labelCount, labelCount + " labels");
    int[] labelValues = new int[labelCount];
    for (int i = 0; i < labelCount; i++) {
      int label = rawLabels[i] & 0xff;
      if (label >= numClasses) {
        throw new DatasetException(labelsName + ": label " + label + " at byte " + (8 + i) + " (item " + i
            + ") is outside 0.." + (numClasses - 1));
      }
      labelValues[i] = label;
    }

    float[] pixels = new float[(int) total];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (raw[i] & 0xff) / 255f;
    }
    return ImageDataset.adopt(rows, cols, numClasses, pixels, labelValues);
  }

  /** Opens a file, unzipping it if it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    try {
      return decompressIfGzip(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    }
  }

  /** Wraps {@code in} in a gzip decoder if its first two bytes are {@code 0x1f 0x8b}. */
  static InputStream decompressIfGzip(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
    }
    return buffered;
  }

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replace('\n', ' ').replace('\r', ' ');
  }

  /** One stream being read, tracking the uncompressed byte offset for error messages. */
  private static final class Source {
    private final String name;
    private final InputStream in;
    private long position;

    Source(String name, InputStream in) {
      this.name = name;
      this.in = in;
    }

    /** Reads and checks the magic number; returns the item count that follows it. */
    int header(int expectedMagic, String kind) {
      byte[] magicBytes = read(4, "the magic number (expected " + expectedMagic + ", " + kind + ")");
      int magic = toInt(magicBytes);
      if (magic != expectedMagic) {
        throw new DatasetException(name + ": bad magic number " + magic + " at byte 0, expected " + expectedMagic
            + " (" + kind + ")");
      }
      long at = position;
      int count = toInt(read(4, "the item count"));
      if (count < 0) {
        throw new DatasetException(name + ": negative item count " + count + " at byte " + at);
      }
      return count;
    }

    int dimension(String field) {
      long at = position;
      int value = toInt(read(4, "the " + field + " field"));
      if (value < 1 || value > MAX_SIDE) {
        throw new DatasetException(name + ": bad " + field + " " + value + " at byte " + at + ", expected 1.."
            + MAX_SIDE);
      }
      return value;
    }

    /** Reads exactly {@code length} payload bytes, then requires the end of the stream. */
    byte[] body(int length, String what) {
      long start = position;
      byte[] data = read(length, what + ", " + length + " bytes from byte " + start);
      int extra;
      try {
        extra = in.read();
      } catch (IOException e) {
        throw failure(e);
      }
      if (extra >= 0) {
        throw new DatasetException(name + ": unexpected data at byte " + position + " after " + what
            + " (expected the end of the file)");
      }
      return data;
    }

    private byte[] read(int length, String what) {
      byte[] data = new byte[length];
      int done = 0;
      try {
        while (done < length) {
          int n = in.read(data, done, length - done);
          if (n < 0) {
            break;
          }
          done += n;
          position += n;
        }
      } catch (EOFException e) {
        // a gzip stream cut short ends here: report it as truncation at the bytes read so far
      } catch (IOException e) {
        throw failure(e);
      }
      if (done < length) {
        throw new DatasetException(name + ": truncated at byte " + position + " while reading " + what);
      }
      return data;
    }

    private DatasetException failure(IOException e) {
      String kind = e instanceof ZipException ? "corrupt gzip data" : "read error";
      return new DatasetException(name + ": " + kind + " near byte " + position + ": " + oneLine(e), e);
    }

    private static int toInt(byte[] b) {
      return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }
  }
}
