package org.nautilus.journal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Journals kept in the test resources, written by earlier versions of Nautilus. A Chronicle cycle file
 * is a sparse 80 MiB file that is almost all zeros, so the resources hold each file cut after its last
 * non-zero page, and {@link #copy} restores its length (the zeros) in a working copy.
 */
final class JournalFixtures {
  /**
   * Schema 1 (before checksums and node names): {@code EventSamples.realisticSearch()} as the schema-1
   * code wrote it on 2026-11-23, with a clock starting at 2025-03-14T01:59:26.535897932Z and stepping 1,234,567 ns.
   */
  static final String SCHEMA_1 = "fixtures/schema1";

  /** File name to its length as Chronicle left it. */
  private static final Map<String, Long> LENGTHS = Map.of("20261123F.cq4", 83_886_080L, "metadata.cq4t", 131_072L);

  private JournalFixtures() {}

  /** A working copy of fixture {@code name} in {@code dir}, whole again. */
  static Path copy(String name, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String file : List.of("20261123F.cq4", "metadata.cq4t")) {
      try (InputStream in = JournalFixtures.class.getClassLoader().getResourceAsStream(name + "/" + file)) {
        if (in == null) {
          throw new IOException("no test resource " + name + "/" + file);
        }
        Files.copy(in, dir.resolve(file));
      }
      try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(file).toFile(), "rw")) {
        raf.setLength(LENGTHS.get(file));
      }
    }
    return dir;
  }
}
