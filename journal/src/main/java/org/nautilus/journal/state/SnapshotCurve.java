package org.nautilus.journal.state;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.nas.search.TrialId;

/**
 * A trial's learning curve as a restored snapshot holds it: still in the snapshot's bytes, decoded
 * on first use. Immutable, and equal to (and hashing like) any list of the same reports.
 *
 * <p>Why: a million-trial snapshot holds millions of epoch reports, and building them all (each a
 * record, a map, boxed doubles) made resuming take seconds and a gigabyte, while a resumed search
 * mostly reads the trials table. Measured on the 1,000,000-trial resume benchmark (BENCHMARKS.md).
 */
final class SnapshotCurve extends AbstractList<EpochReported> implements RandomAccess {
  private final ByteBuffer bytes;
  private final int offset;
  private final int size;
  private final TrialId trial;
  private final String[] table;
  private volatile List<EpochReported> decoded;

  /** The {@code size} reports of {@code trial} encoded at byte {@code offset} of {@code bytes}, metric names from {@code table}. */
  SnapshotCurve(ByteBuffer bytes, int offset, int size, TrialId trial, String[] table) {
    this.bytes = bytes;
    this.offset = offset;
    this.size = size;
    this.trial = trial;
    this.table = table;
  }

  @Override
  public EpochReported get(int index) {
    return decoded().get(index);
  }

  @Override
  public int size() {
    return size;
  }

  private List<EpochReported> decoded() {
    List<EpochReported> list = decoded;
    if (list == null) {
      ByteBuffer in = bytes.duplicate(); // its own position: decoding threads do not share one
      in.position(offset);
      EpochReported[] reports = new EpochReported[size];
      for (int k = 0; k < size; k++) {
        int epoch = in.getInt();
        reports[k] = new EpochReported(trial, epoch, SnapshotMetrics.read(in, in.getInt(), table));
      }
      list = List.of(reports);
      decoded = list; // a benign race: two threads decode equal lists
    }
    return list;
  }
}
