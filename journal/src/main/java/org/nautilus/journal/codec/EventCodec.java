package org.nautilus.journal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.SearchCreated;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.Event.TrialCompleted;
import org.nautilus.journal.event.Event.TrialFailed;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.Event.TrialStarted;
import org.nautilus.nas.search.TrialId;

/**
 * The binary form of an {@link Envelope}: one record, one Chronicle document.
 *
 * <p>Layout of schema {@value #SCHEMA}, in Chronicle's byte order (little-endian):
 * <pre>
 *   u16 tag         the event type (table below; a tag is never reused for another type)
 *   u16 schema      {@value #SCHEMA}
 *   i64 seq         from 1
 *   i64 at          nanoseconds since 1970-01-01T00:00Z
 *   ...             the event's fields, in record-component order:
 *                   str = i32 byte length + UTF-8; f64 = the IEEE-754 bits as i64 (bit-exact, NaN payloads kept);
 *                   bool = u8 0 or 1; trial = i64; metrics = i32 count, then (str key, f64 value) sorted by key
 * </pre>
 * <pre>
 *   1 SearchCreated   str spec, i64 seed, str version
 *   2 TrialProposed   trial, str searcher, str candidate, i32 epochs
 *   3 TrialStarted    trial, str trainer, str device, i32 attempt
 *   4 EpochReported   trial, i32 epoch, metrics
 *   5 TrialCompleted  trial, metrics, f64 costSeconds
 *   6 TrialFailed     trial, str cause, bool retryable, i32 attempt
 *   7 SearchFinished  str reason
 * </pre>
 * A record must be consumed exactly; trailing bytes mean corruption. Changing a type's fields means a
 * new schema version (and a decoder for the old one), not an edit to the table above.
 */
public final class EventCodec {
  /** The schema version this codec writes, and the newest it reads. */
  public static final int SCHEMA = 1;

  static {
    ChronicleSettings.apply();
  }

  private static final List<Codec<?>> CODECS = List.of(
      // Java evaluates constructor arguments left to right (JLS 15.7.4), so each reader below reads
      // the fields in the order its writer wrote them.
      new Codec<>(1, SearchCreated.class,
          (e, out) -> {
            writeString(out, e.spec());
            out.writeLong(e.seed());
            writeString(out, e.version());
          },
          in -> new SearchCreated(readString(in), in.readLong(), readString(in))),
      new Codec<>(2, TrialProposed.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.searcher());
            writeString(out, e.candidate());
            out.writeInt(e.epochs());
          },
          in -> new TrialProposed(readTrial(in), readString(in), readString(in), in.readInt())),
      new Codec<>(3, TrialStarted.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.trainer());
            writeString(out, e.device());
            out.writeInt(e.attempt());
          },
          in -> new TrialStarted(readTrial(in), readString(in), readString(in), in.readInt())),
      new Codec<>(4, EpochReported.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            out.writeInt(e.epoch());
            writeMetrics(out, e.metrics());
          },
          in -> new EpochReported(readTrial(in), in.readInt(), readMetrics(in))),
      new Codec<>(5, TrialCompleted.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeMetrics(out, e.metrics());
            writeDouble(out, e.costSeconds());
          },
          in -> new TrialCompleted(readTrial(in), readMetrics(in), readDouble(in))),
      new Codec<>(6, TrialFailed.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.cause());
            out.writeByte((byte) (e.retryable() ? 1 : 0));
            out.writeInt(e.attempt());
          },
          in -> new TrialFailed(readTrial(in), readString(in), readBoolean(in), in.readInt())),
      new Codec<>(7, SearchFinished.class,
          (e, out) -> writeString(out, e.reason()),
          in -> new SearchFinished(readString(in))));

  private static final Map<Class<?>, Codec<?>> BY_TYPE = new HashMap<>();
  private static final Map<Integer, Codec<?>> BY_TAG = new HashMap<>();

  static {
    for (Codec<?> codec : CODECS) {
      if (BY_TYPE.put(codec.type(), codec) != null || BY_TAG.put(codec.tag(), codec) != null) {
        throw new ExceptionInInitializerError("duplicate codec for tag " + codec.tag() + " / " + codec.type());
      }
    }
  }

  private EventCodec() {}

  /** The stable type tag of an event type; {@link IllegalArgumentException} if it has no codec. */
  public static int tag(Class<? extends Event> type) {
    return codec(type).tag();
  }

  /**
   * Writes {@code envelope} at {@code out}'s write position.
   *
   * @throws IllegalArgumentException if the event type has no codec, the envelope's schema is not
   *     {@link #SCHEMA}, or {@code at} is outside the years 1678 to 2261 (nanoseconds in a long)
   */
  public static void encode(Envelope envelope, BytesOut<?> out) {
    if (envelope.schema() != SCHEMA) {
      throw new IllegalArgumentException("can only write schema " + SCHEMA + ", got " + envelope.schema());
    }
    Codec<?> codec = codec(envelope.event().getClass());
    long at;
    try {
      at = Math.addExact(Math.multiplyExact(envelope.at().getEpochSecond(), 1_000_000_000L), envelope.at().getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("time " + envelope.at() + " does not fit in epoch nanoseconds", e);
    }
    out.writeUnsignedShort(codec.tag());
    out.writeUnsignedShort(SCHEMA);
    out.writeLong(envelope.seq());
    out.writeLong(at);
    write(codec, envelope.event(), out);
  }

  /**
   * Reads one whole record from {@code in}, which must hold exactly that record.
   *
   * @param where how to name the record in an error, e.g. {@code "journal /x: record 17"}
   * @throws JournalException naming {@code where} for an unknown tag, a newer schema or a corrupt record
   */
  public static Envelope decode(BytesIn<?> in, String where) {
    if (in.readRemaining() < 4) {
      throw new JournalException(where + " is corrupt: " + in.readRemaining() + " bytes, too short for a header");
    }
    int tag = in.readUnsignedShort();
    int schema = in.readUnsignedShort();
    if (schema > SCHEMA) {
      throw new JournalException(where + " has schema " + schema + ", newer than " + SCHEMA
          + "; written by a newer Nautilus?");
    }
    if (schema < 1) {
      throw new JournalException(where + " is corrupt: schema " + schema);
    }
    Codec<?> codec = BY_TAG.get(tag);
    if (codec == null) {
      throw new JournalException(where + " has unknown event type " + tag + "; written by a newer Nautilus?");
    }
    try {
      long seq = in.readLong();
      long at = in.readLong();
      Event event = codec.reader().apply(in);
      if (in.readRemaining() != 0) {
        throw new IllegalStateException(in.readRemaining() + " bytes left after the " + codec.type().getSimpleName());
      }
      return new Envelope(seq, schema, Instant.ofEpochSecond(0, at), event);
    } catch (JournalException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new JournalException(where + " is corrupt (" + codec.type().getSimpleName() + "): " + e, e);
    }
  }

  /** {@link #encode} into a new array; for tools and tests. */
  public static byte[] toBytes(Envelope envelope) {
    Bytes<byte[]> bytes = Bytes.allocateElasticOnHeap(64);
    try {
      encode(envelope, bytes);
      return bytes.toByteArray();
    } finally {
      bytes.releaseLast();
    }
  }

  /** {@link #decode} of an array holding exactly one record; for tools and tests. */
  public static Envelope fromBytes(byte[] record, String where) {
    Bytes<byte[]> bytes = Bytes.wrapForRead(record);
    try {
      return decode(bytes, where);
    } finally {
      bytes.releaseLast();
    }
  }

  private static Codec<?> codec(Class<?> type) {
    Codec<?> codec = BY_TYPE.get(type);
    if (codec == null) {
      throw new IllegalArgumentException("no codec for event type " + type.getName());
    }
    return codec;
  }

  private static <E extends Event> void write(Codec<E> codec, Event event, BytesOut<?> out) {
    codec.writer().accept(codec.type().cast(event), out);
  }

  private static void writeString(BytesOut<?> out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(BytesIn<?> in) {
    int length = in.readInt();
    if (length < 0 || length > in.readRemaining()) {
      throw new IllegalStateException("string of " + length + " bytes with " + in.readRemaining() + " left");
    }
    byte[] utf8 = new byte[length];
    in.read(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeDouble(BytesOut<?> out, double value) {
    out.writeLong(Double.doubleToRawLongBits(value));
  }

  private static double readDouble(BytesIn<?> in) {
    return Double.longBitsToDouble(in.readLong());
  }

  private static boolean readBoolean(BytesIn<?> in) {
    byte b = in.readByte();
    if (b != 0 && b != 1) {
      throw new IllegalStateException("boolean byte " + b);
    }
    return b == 1;
  }

  private static TrialId readTrial(BytesIn<?> in) {
    return TrialId.of(in.readLong());
  }

  private static void writeMetrics(BytesOut<?> out, Map<String, Double> metrics) {
    out.writeInt(metrics.size());
    for (Map.Entry<String, Double> metric : new TreeMap<>(metrics).entrySet()) {
      writeString(out, metric.getKey());
      writeDouble(out, metric.getValue());
    }
  }

  private static Map<String, Double> readMetrics(BytesIn<?> in) {
    int count = in.readInt();
    // each metric takes at least 12 bytes (empty key + value), which bounds a corrupt count
    if (count < 0 || count > in.readRemaining() / 12) {
      throw new IllegalStateException("metric count " + count + " with " + in.readRemaining() + " bytes left");
    }
    Map<String, Double> metrics = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String key = readString(in);
      if (metrics.put(key, readDouble(in)) != null) {
        throw new IllegalStateException("metric " + key + " twice");
      }
    }
    return metrics;
  }

  /** The codec of one event type: its stable tag, writer and reader. */
  private record Codec<E extends Event>(
      int tag, Class<E> type, BiConsumer<E, BytesOut<?>> writer, Function<BytesIn<?>, E> reader) {}
}
