package org.nautilus.journal.state;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A trial's final metrics as a restored snapshot holds them: still in the snapshot's bytes, decoded on
 * first use; for the same reason as {@link SnapshotCurve}. Immutable, and equal to (and hashing like)
 * any map of the same entries.
 */
final class SnapshotMetrics extends AbstractMap<String, Double> {
  private final ByteBuffer bytes;
  private final int offset;
  private final int size;
  private final String[] table;
  private volatile Map<String, Double> decoded;

  /** The {@code size} metrics encoded (name index, value) at byte {@code offset} of {@code bytes}, names from {@code table}. */
  SnapshotMetrics(ByteBuffer bytes, int offset, int size, String[] table) {
    this.bytes = bytes;
    this.offset = offset;
    this.size = size;
    this.table = table;
  }

  /** The metrics encoded at {@code in}'s position, as an immutable map; advances {@code in}. */
  @SuppressWarnings("unchecked")
  static Map<String, Double> read(ByteBuffer in, int count, String[] table) {
    Map.Entry<String, Double>[] entries = new Map.Entry[count];
    for (int i = 0; i < count; i++) {
      entries[i] = Map.entry(table[in.getInt()], in.getDouble());
    }
    return Map.ofEntries(entries);
  }

  private Map<String, Double> decoded() {
    Map<String, Double> map = decoded;
    if (map == null) {
      ByteBuffer in = bytes.duplicate(); // its own position: decoding threads do not share one
      in.position(offset);
      map = read(in, size, table);
      decoded = map; // a benign race: two threads decode equal maps
    }
    return map;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Double get(Object key) {
    return decoded().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return decoded().containsKey(key);
  }

  @Override
  public Set<Entry<String, Double>> entrySet() {
    return decoded().entrySet();
  }
}
