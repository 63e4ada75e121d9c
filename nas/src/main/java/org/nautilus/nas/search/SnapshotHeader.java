package org.nautilus.nas.search;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.nautilus.nas.space.SearchSpace;

/**
 * The header every searcher snapshot starts with: format version and space name, so that a snapshot
 * is never restored into a searcher of another version or over another space.
 */
public final class SnapshotHeader {
  private SnapshotHeader() {}

  /** Writes the header for a snapshot of format {@code version} over {@code space}. */
  public static void write(DataOutputStream out, int version, SearchSpace<?> space) throws IOException {
    out.writeInt(version);
    out.writeUTF(space.name());
  }

  /**
   * Reads and checks the header.
   *
   * @param searcher how error messages name the searcher, e.g. {@code random searcher}
   * @throws IllegalArgumentException if the version or the space differs
   */
  public static void read(DataInputStream in, String searcher, int version, SearchSpace<?> space)
      throws IOException {
    int saved = in.readInt();
    if (saved != version) {
      throw new IllegalArgumentException(searcher + " snapshot version " + saved + " is not supported");
    }
    checkSpace(in, space);
  }

  /**
   * Reads and checks the header of a snapshot written in any format from {@code oldest} to {@code newest}.
   *
   * @return the snapshot's format version
   * @throws IllegalArgumentException if the version is outside that range or the space differs
   */
  public static int read(DataInputStream in, String searcher, int oldest, int newest, SearchSpace<?> space)
      throws IOException {
    int saved = in.readInt();
    if (saved < oldest || saved > newest) {
      throw new IllegalArgumentException(searcher + " snapshot version " + saved + " is not supported");
    }
    checkSpace(in, space);
    return saved;
  }

  private static void checkSpace(DataInputStream in, SearchSpace<?> space) throws IOException {
    String spaceName = in.readUTF();
    if (!spaceName.equals(space.name())) {
      throw new IllegalArgumentException("snapshot is for space '" + spaceName + "', this searcher searches '"
          + space.name() + "'");
    }
  }
}
