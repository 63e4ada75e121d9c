package org.nautilus.journal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.StateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State snapshots beside a journal: {@code snapshot-SEQ.bin} holds the {@link SearchState} after the
 * event with seq {@code SEQ}, so that resuming reads it and only the events after it.
 *
 * <p>File layout (big-endian): the 8 bytes {@code NAUTSNAP}, i64 seq, i64 the Chronicle index of that
 * event (to start reading right after it), i32 CRC32C of the state bytes, then the state
 * ({@link StateCodec}). A snapshot is written to a temporary file, fsync'ed, and renamed into place, so
 * a crash leaves the old snapshot or the new one, never half of one; a damaged snapshot is passed
 * over, with a warning, for the one before it. The newest {@value #KEEP} are kept.
 */
public final class SnapshotStore {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  private static final byte[] MAGIC = {'N', 'A', 'U', 'T', 'S', 'N', 'A', 'P'};
  private static final int HEADER = 8 + 8 + 8 + 4;
  static final int KEEP = 2;

  /** A snapshot read back: the state, and the Chronicle index of its last event (-1 if unknown). */
  public record Snapshot(SearchState state, long index) {}

  private SnapshotStore() {}

  static Path file(Path dir, long seq) {
    return dir.resolve(String.format("snapshot-%020d.bin", seq));
  }

  /** Writes a snapshot of {@code state} (at its {@code lastSeq}), fsync'ed if {@code durable}. */
  static void write(Path dir, SearchState state, long index, boolean durable) {
    byte[] body = StateCodec.encode(state);
    CRC32C crc = new CRC32C();
    crc.update(body);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    header.put(MAGIC).putLong(state.lastSeq()).putLong(index).putInt((int) crc.getValue()).flip();
    Path target = file(dir, state.lastSeq());
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer[] buffers = {header, ByteBuffer.wrap(body)};
        while (buffers[1].hasRemaining()) {
          out.write(buffers);
        }
        if (durable) {
          out.force(true);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (durable) {
        Recovery.fsyncDirectory(dir);
      }
      List<Path> all = list(dir);
      for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
        Files.deleteIfExists(old);
      }
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot write snapshot " + target.getFileName() + ": " + e, e);
    }
  }

  /** The newest snapshot in {@code dir} that reads back intact, if any. */
  public static Optional<Snapshot> latest(Path dir) {
    for (Path file : list(dir)) {
      try {
        return Optional.of(read(file));
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("journal {}: snapshot {} is unreadable ({}); trying an older one", dir, file.getFileName(), e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Maps the file rather than reading it onto the heap: a million-trial snapshot is a few hundred MB,
   * and the restored state decodes its curves and metrics from the mapping only when they are read.
   */
  private static Snapshot read(Path file) throws IOException {
    ByteBuffer bytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER) {
        throw new IllegalArgumentException(size + " bytes, too short");
      }
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(size + " bytes, over the 2 GiB a snapshot may have");
      }
      bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
    byte[] magic = new byte[MAGIC.length];
    bytes.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException("not a snapshot (bad magic)");
    }
    long seq = bytes.getLong();
    long index = bytes.getLong();
    int stored = bytes.getInt();
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    if ((int) crc.getValue() != stored) {
      throw new IllegalArgumentException("checksum mismatch");
    }
    SearchState state = StateCodec.decode(bytes);
    if (state.lastSeq() != seq) {
      throw new IllegalArgumentException("holds seq " + state.lastSeq() + ", named " + seq);
    }
    return new Snapshot(state, index);
  }

  /** Snapshot files, newest first. */
  private static List<Path> list(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> snapshots = Files.newDirectoryStream(dir, "snapshot-*.bin")) {
      snapshots.forEach(files::add);
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot list snapshots: " + e, e);
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return files;
  }
}
