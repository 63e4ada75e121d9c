package org.nautilus.journal.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.SearchCreated;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.Event.SearchPaused;
import org.nautilus.journal.event.Event.SearcherSnapshotted;
import org.nautilus.nas.search.TrialId;

/**
 * A {@link SearchState} as bytes and back, for snapshots: {@code decode(encode(s))} folds on exactly
 * as {@code s} does.
 *
 * <p>Layout (big-endian): u16 format {@value #FORMAT}; i64 events, i64 lastSeq; a string table (i32
 * count, then each as i32 UTF-8 length + bytes) that every string below refers to by its i32 index
 * (-1 for an absent optional); then created, the trials table, finished, searcher snapshots, pause and
 * notes. A search repeats the same few strings (searcher, trainer, device, metric names) and, in a
 * small space, the same candidates, so the table keeps a million-trial snapshot small and fast to read.
 * Learning curves are decoded only when first read ({@code SnapshotCurve}).
 */
public final class StateCodec {
  /** The format this class writes and reads. */
  public static final int FORMAT = 1;

  private StateCodec() {}

  /** {@code state} as bytes. */
  public static byte[] encode(SearchState state) {
    Writer w = new Writer();
    w.putLong(state.events());
    w.putLong(state.lastSeq());
    w.putBool(state.created().isPresent());
    state.created().ifPresent(c -> {
      w.putString(c.spec());
      w.putLong(c.seed());
      w.putString(c.version());
    });
    w.putInt(state.trialsView().size());
    for (TrialRecord t : state.trialsView()) {
      w.putLong(t.trial().value());
      w.putString(t.searcher());
      w.putString(t.candidate());
      w.putInt(t.epochs());
      w.putByte(t.status().ordinal());
      w.putOptional(t.trainer());
      w.putOptional(t.node());
      w.putOptional(t.device());
      w.putInt(t.attempt());
      w.putInt(t.curve().size());
      for (EpochReported report : t.curve()) {
        w.putInt(report.epoch());
        w.putMetrics(report.metrics());
      }
      w.putMetrics(t.metrics());
      w.putDouble(t.costSeconds());
      w.putOptional(t.failure());
    }
    w.putOptional(state.finished().map(SearchFinished::reason));
    w.putInt(state.searcherSnapshots().size());
    for (SearcherSnapshotted s : state.searcherSnapshots().values()) {
      w.putString(s.searcher());
      w.putInt(s.outcomesTold());
      byte[] bytes = s.state();
      w.putInt(bytes.length);
      w.putBytes(bytes);
    }
    w.putOptional(state.paused().map(SearchPaused::reason));
    w.putInt(state.notes().size());
    state.notes().forEach(w::putString);
    return w.finish();
  }

  /**
   * The state {@code bytes} hold.
   *
   * @throws IllegalArgumentException if they are not a state of format {@value #FORMAT}
   */
  public static SearchState decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /**
   * {@link #decode(byte[])} of the bytes from {@code buffer}'s position to its limit, which may be a
   * mapped file: the state keeps a reference to it (learning curves and final metrics are decoded from
   * it when first read), so it must not change afterwards. {@code buffer} itself is left as it was.
   */
  public static SearchState decode(ByteBuffer buffer) {
    try {
      // big-endian, absolute offsets from 0: what the lazy parts keep
      ByteBuffer bytes = buffer.slice().order(java.nio.ByteOrder.BIG_ENDIAN);
      ByteBuffer in = bytes.duplicate();
      int format = Short.toUnsignedInt(in.getShort());
      if (format != FORMAT) {
        throw new IllegalArgumentException("state format " + format + ", expected " + FORMAT);
      }
      long events = in.getLong();
      long lastSeq = in.getLong();
      String[] table = new String[count(in, 4)];
      for (int i = 0; i < table.length; i++) {
        byte[] utf8 = new byte[count(in, 1)];
        in.get(utf8);
        table[i] = new String(utf8, StandardCharsets.UTF_8);
      }
      @SuppressWarnings("unchecked")
      Optional<String>[] optionals = new Optional[table.length];
      Reader r = new Reader(in, table, optionals);
      Optional<SearchCreated> created = r.bool()
          ? Optional.of(new SearchCreated(r.string(), in.getLong(), r.string())) : Optional.empty();
      int trialCount = count(in, 8);
      List<TrialRecord> trials = new ArrayList<>(trialCount);
      TrialStatus[] statuses = TrialStatus.values();
      for (int i = 0; i < trialCount; i++) {
        TrialId id = TrialId.of(in.getLong());
        String searcher = r.string();
        String candidate = r.string();
        int epochs = in.getInt();
        TrialStatus status = statuses[in.get()];
        Optional<String> trainer = r.optional();
        Optional<String> node = r.optional();
        Optional<String> device = r.optional();
        int attempt = in.getInt();
        int curveLength = count(in, 8);
        List<EpochReported> curve = curveLength == 0 ? List.of()
            : new SnapshotCurve(bytes, in.position(), curveLength, id, table);
        for (int k = 0; k < curveLength; k++) {
          in.getInt(); // epoch
          r.skipMetrics();
        }
        // immutable lists and maps: the record's List.copyOf and Map.copyOf keep them without copying
        trials.add(new TrialRecord(id, searcher, candidate, epochs, status, trainer, node, device, attempt,
            curve, r.lazyMetrics(bytes), in.getDouble(), r.optional()));
      }
      Optional<SearchFinished> finished = r.optional().map(SearchFinished::new);
      int snapshotCount = count(in, 8);
      List<SearcherSnapshotted> snapshots = new ArrayList<>(snapshotCount);
      for (int i = 0; i < snapshotCount; i++) {
        String searcher = r.string();
        int told = in.getInt();
        byte[] state = new byte[count(in, 1)];
        in.get(state);
        snapshots.add(new SearcherSnapshotted(searcher, told, state));
      }
      Optional<SearchPaused> paused = r.optional().map(SearchPaused::new);
      int noteCount = count(in, 4);
      List<String> notes = new ArrayList<>(noteCount);
      for (int i = 0; i < noteCount; i++) {
        notes.add(r.string());
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes left after the state");
      }
      return SearchState.restore(created, trials, finished, snapshots, paused, notes, events, lastSeq);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | ArrayStoreException e) {
      throw new IllegalArgumentException("state bytes end early or hold a bad index: " + e, e);
    }
  }

  /** A count or length, bounded by what is left at {@code minBytes} bytes an item. */
  private static int count(ByteBuffer in, int minBytes) {
    int n = in.getInt();
    if (n < 0 || (long) n * minBytes > in.remaining()) {
      throw new IllegalArgumentException("count " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }

  /** Reads strings through the table; one Optional per table entry, shared by every field that names it. */
  private record Reader(ByteBuffer in, String[] table, Optional<String>[] optionals) {
    String string() {
      return table[in.getInt()];
    }

    Optional<String> optional() {
      int index = in.getInt();
      if (index < 0) {
        return Optional.empty();
      }
      Optional<String> optional = optionals[index];
      if (optional == null) {
        optional = Optional.of(table[index]);
        optionals[index] = optional;
      }
      return optional;
    }

    boolean bool() {
      return in.get() != 0;
    }

    /** Metrics left in {@code bytes} to decode on first use; checked and stepped over now. */
    Map<String, Double> lazyMetrics(ByteBuffer bytes) {
      int n = in.getInt(in.position());
      int start = in.position() + 4;
      skipMetrics();
      return n == 0 ? Map.of() : new SnapshotMetrics(bytes, start, n, table);
    }

    /** Steps over metrics, checking their names' indices so that decoding them later cannot fail. */
    void skipMetrics() {
      int n = count(in, 12);
      for (int i = 0; i < n; i++) {
        int index = in.getInt();
        if (index < 0 || index >= table.length) {
          throw new IndexOutOfBoundsException("string " + index + " of " + table.length);
        }
        in.getDouble();
      }
    }

    @SuppressWarnings("unchecked")
    Map<String, Double> metrics() {
      Map.Entry<String, Double>[] entries = new Map.Entry[count(in, 12)];
      for (int i = 0; i < entries.length; i++) {
        entries[i] = Map.entry(string(), in.getDouble());
      }
      return Map.ofEntries(entries);
    }
  }

  /** Writes the body, collecting the string table on the way. */
  private static final class Writer {
    private final Map<String, Integer> strings = new LinkedHashMap<>();
    private ByteBuffer body = ByteBuffer.allocate(1 << 16);

    void putLong(long v) {
      room(8).putLong(v);
    }

    void putInt(int v) {
      room(4).putInt(v);
    }

    void putByte(int v) {
      room(1).put((byte) v);
    }

    void putBool(boolean v) {
      putByte(v ? 1 : 0);
    }

    void putDouble(double v) {
      // raw bits: NaN payloads and -0.0 survive
      putLong(Double.doubleToRawLongBits(v));
    }

    void putBytes(byte[] v) {
      room(v.length).put(v);
    }

    void putString(String s) {
      Integer index = strings.get(s);
      if (index == null) {
        index = strings.size();
        strings.put(s, index);
      }
      putInt(index);
    }

    void putOptional(Optional<String> s) {
      if (s.isPresent()) {
        putString(s.get());
      } else {
        putInt(-1);
      }
    }

    void putMetrics(Map<String, Double> metrics) {
      putInt(metrics.size());
      for (Map.Entry<String, Double> m : new TreeMap<>(metrics).entrySet()) {
        putString(m.getKey());
        putDouble(m.getValue());
      }
    }

    private ByteBuffer room(int n) {
      if (body.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(body.capacity() * 2, body.position() + n));
        body.flip();
        bigger.put(body);
        body = bigger;
      }
      return body;
    }

    byte[] finish() {
      List<byte[]> table = new ArrayList<>(strings.size());
      int tableBytes = 4;
      for (String s : strings.keySet()) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        table.add(utf8);
        tableBytes += 4 + utf8.length;
      }
      ByteBuffer out = ByteBuffer.allocate(2 + 16 + tableBytes + body.position() - 16);
      byte[] head = Arrays.copyOf(body.array(), 16); // events and lastSeq come before the table
      out.putShort((short) FORMAT);
      out.put(head);
      out.putInt(table.size());
      for (byte[] utf8 : table) {
        out.putInt(utf8.length);
        out.put(utf8);
      }
      out.put(body.array(), 16, body.position() - 16);
      return out.array();
    }
  }
}
