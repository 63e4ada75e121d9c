package org.nautilus.journal.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.MemberAsked;
import org.nautilus.journal.event.Event.NoteAdded;
import org.nautilus.journal.event.Event.ProposalRefused;
import org.nautilus.journal.event.Event.SearcherAsked;
import org.nautilus.journal.event.Event.SearchCreated;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.Event.SearchPaused;
import org.nautilus.journal.event.Event.SearchResumed;
import org.nautilus.journal.event.Event.SearcherSnapshotted;
import org.nautilus.journal.event.Event.TrialCompleted;
import org.nautilus.journal.event.Event.TrialFailed;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.Event.TrialPruned;
import org.nautilus.journal.event.Event.TrialStarted;
import org.nautilus.nas.search.TrialId;

/**
 * The binary form of an {@link Envelope}: one record, one Chronicle document.
 *
 * <p>Chronicle Queue frames each record (its 4-byte Wire document header: length, complete and
 * metadata bits); inside it the payload is a fixed layout written with Chronicle Bytes rather than
 * self-describing BinaryWire fields, because the record must be checksummed over exact bytes and
 * field names in every record would roughly double the size of the small, frequent events.
 *
 * <p>Layout of schema {@value #SCHEMA}, in Chronicle's byte order (little-endian):
 * <pre>
 *   u16 tag         the event type (table below; a tag is never reused for another type)
 *   u16 schema      {@value #SCHEMA}
 *   i32 crc32c      CRC32C of every byte of the record except these four
 *   i64 seq         from 1
 *   i64 at          nanoseconds since 1970-01-01T00:00Z
 *   ...             the event's fields, in record-component order:
 *                   str = i32 byte length + UTF-8; f64 = the IEEE-754 bits as i64 (bit-exact, NaN payloads kept);
 *                   bool = u8 0 or 1; trial = i64; metrics = i32 count, then (str key, f64 value) sorted by key;
 *                   bytes = i32 length + the bytes
 * </pre>
 * <pre>
 *    1 SearchCreated        str spec, i64 seed, str version
 *    2 TrialProposed        trial, str searcher, str candidate, i32 epochs
 *    3 TrialStarted         trial, str trainer, str node, str device, i32 attempt
 *    4 EpochReported        trial, i32 epoch, metrics
 *    5 TrialCompleted       trial, metrics, f64 costSeconds
 *    6 TrialFailed          trial, str cause, bool retryable, i32 attempt
 *    7 SearchFinished       str reason
 *    8 TrialPruned          trial, i32 epoch, i32 rung                       (since schema 2)
 *    9 SearcherSnapshotted  str searcher, i32 outcomesTold, bytes state      (since schema 2)
 *   10 SearchPaused         str reason                                       (since schema 2)
 *   11 SearchResumed        str version                                      (since schema 2)
 *   12 NoteAdded            str text                                         (since schema 2)
 *   13 SearcherAsked        trial                                            (since schema 2, Nautilus 0.3)
 *   14 MemberAsked          str member, trial inner                          (since schema 2, Nautilus 0.4)
 *   15 ProposalRefused      str member, str candidate                        (since schema 2, Nautilus 0.4)
 * </pre>
 * <b>Schema 1</b> (read, never written): no crc32c field (the header is tag and schema only), tags 1 to 7,
 * and {@code TrialStarted} without {@code node}, which reads as {@link TrialStarted#LOCAL_NODE}.
 *
 * <p>A record must be consumed exactly; trailing bytes mean corruption. Changing a type's fields means a
 * new schema version (and a decoder for the old one), not an edit to the table above.
 */
public final class EventCodec {
  /** The schema version this codec writes, and the newest it reads. */
  public static final int SCHEMA = 2;

  /** Bytes before the checksummed part of a schema-2 record's body: tag, schema, crc32c. */
  private static final int HEADER = 8;

  static {
    ChronicleSettings.apply();
  }

  private static final List<Codec<?>> CODECS = List.of(
      // Java evaluates constructor arguments left to right (JLS 15.7.4), so each reader below reads
      // the fields in the order its writer wrote them.
      new Codec<>(1, 1, SearchCreated.class,
          (e, out) -> {
            writeString(out, e.spec());
            out.writeLong(e.seed());
            writeString(out, e.version());
          },
          in -> new SearchCreated(readString(in), in.getLong(), readString(in))),
      new Codec<>(2, 1, TrialProposed.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.searcher());
            writeString(out, e.candidate());
            out.writeInt(e.epochs());
          },
          in -> new TrialProposed(readTrial(in), readString(in), readString(in), in.getInt())),
      new Codec<>(3, 1, TrialStarted.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.trainer());
            writeString(out, e.node());
            writeString(out, e.device());
            out.writeInt(e.attempt());
          },
          in -> new TrialStarted(readTrial(in), readString(in), readString(in), readString(in), in.getInt())),
      new Codec<>(4, 1, EpochReported.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            out.writeInt(e.epoch());
            writeMetrics(out, e.metrics());
          },
          in -> new EpochReported(readTrial(in), in.getInt(), readMetrics(in))),
      new Codec<>(5, 1, TrialCompleted.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeMetrics(out, e.metrics());
            writeDouble(out, e.costSeconds());
          },
          in -> new TrialCompleted(readTrial(in), readMetrics(in), readDouble(in))),
      new Codec<>(6, 1, TrialFailed.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            writeString(out, e.cause());
            out.writeByte((byte) (e.retryable() ? 1 : 0));
            out.writeInt(e.attempt());
          },
          in -> new TrialFailed(readTrial(in), readString(in), readBoolean(in), in.getInt())),
      new Codec<>(7, 1, SearchFinished.class,
          (e, out) -> writeString(out, e.reason()),
          in -> new SearchFinished(readString(in))),
      new Codec<>(8, 2, TrialPruned.class,
          (e, out) -> {
            out.writeLong(e.trial().value());
            out.writeInt(e.epoch());
            out.writeInt(e.rung());
          },
          in -> new TrialPruned(readTrial(in), in.getInt(), in.getInt())),
      new Codec<>(9, 2, SearcherSnapshotted.class,
          (e, out) -> {
            writeString(out, e.searcher());
            out.writeInt(e.outcomesTold());
            writeByteArray(out, e.state());
          },
          in -> new SearcherSnapshotted(readString(in), in.getInt(), readByteArray(in))),
      new Codec<>(10, 2, SearchPaused.class,
          (e, out) -> writeString(out, e.reason()),
          in -> new SearchPaused(readString(in))),
      new Codec<>(11, 2, SearchResumed.class,
          (e, out) -> writeString(out, e.version()),
          in -> new SearchResumed(readString(in))),
      new Codec<>(12, 2, NoteAdded.class,
          (e, out) -> writeString(out, e.text()),
          in -> new NoteAdded(readString(in))),
      new Codec<>(13, 2, SearcherAsked.class,
          (e, out) -> out.writeLong(e.trial().value()),
          in -> new SearcherAsked(readTrial(in))),
      new Codec<>(14, 2, MemberAsked.class,
          (e, out) -> {
            writeString(out, e.member());
            out.writeLong(e.inner().value());
          },
          in -> new MemberAsked(readString(in), readTrial(in))),
      new Codec<>(15, 2, ProposalRefused.class,
          (e, out) -> {
            writeString(out, e.member());
            writeString(out, e.candidate());
          },
          in -> new ProposalRefused(readString(in), readString(in))));

  /** Schema-1 readers of the types whose fields changed since; other schema-1 types read as today. */
  private static final Map<Integer, Function<ByteBuffer, Event>> SCHEMA_1_READERS = Map.of(
      3, in -> new TrialStarted(readTrial(in), readString(in), TrialStarted.LOCAL_NODE, readString(in), in.getInt()));

  private static final Map<Class<?>, Codec<?>> BY_TYPE = new HashMap<>();
  /** By tag: an array, as every record of a replay looks its codec up. */
  private static final Codec<?>[] BY_TAG = new Codec<?>[64];

  static {
    for (Codec<?> codec : CODECS) {
      if (BY_TYPE.put(codec.type(), codec) != null || BY_TAG[codec.tag()] != null) {
        throw new ExceptionInInitializerError("duplicate codec for tag " + codec.tag() + " / " + codec.type());
      }
      BY_TAG[codec.tag()] = codec;
    }
  }

  /** Per-thread buffer a record is copied into to be checksummed and decoded; grows to the largest record. */
  private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[][] {new byte[512]});

  private EventCodec() {}

  /** The stable type tag of an event type; {@link IllegalArgumentException} if it has no codec. */
  public static int tag(Class<? extends Event> type) {
    return codec(type).tag();
  }

  /**
   * Writes {@code envelope} at {@code out}'s write position, which must be an on-heap {@code Bytes}
   * so that the checksum can be computed over the written bytes.
   *
   * @throws IllegalArgumentException if the event type has no codec, the envelope's schema is not
   *     {@link #SCHEMA}, or {@code at} is outside the years 1678 to 2261 (nanoseconds in a long)
   */
  public static void encode(Envelope envelope, Bytes<byte[]> out) {
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
    long start = out.writePosition();
    out.writeUnsignedShort(codec.tag());
    out.writeUnsignedShort(SCHEMA);
    out.writeInt(0); // the checksum, filled in below
    out.writeLong(envelope.seq());
    out.writeLong(at);
    write(codec, envelope.event(), out);
    long end = out.writePosition();
    byte[] array = out.underlyingObject();
    int offset = Math.toIntExact(start - out.start());
    out.writeInt(start + 4, checksum(array, offset, Math.toIntExact(end - start)));
  }

  /**
   * Reads one whole record from {@code in}, which must hold exactly that record; consumes it.
   *
   * @param where how to name the record in an error, e.g. {@code "journal /x: record 17"}
   * @throws CorruptRecordException naming {@code where} for a record whose checksum, framing or fields are wrong
   * @throws JournalException naming {@code where} for an unknown event type or a newer schema
   */
  public static Envelope decode(BytesIn<?> in, String where) {
    return decode(in, () -> where);
  }

  /** {@link #decode(BytesIn, String)} naming the record lazily: replay decodes millions, and fails on few. */
  public static Envelope decode(BytesIn<?> in, Supplier<String> where) {
    int length = Math.toIntExact(in.readRemaining());
    byte[][] holder = BUFFER.get();
    if (holder[0].length < length) {
      holder[0] = new byte[Math.max(length, holder[0].length * 2)];
    }
    byte[] buffer = holder[0];
    in.read(buffer, 0, length);
    return decode(buffer, length, where);
  }

  /** {@link #decode(BytesIn, String)} of the first {@code length} bytes of {@code record}. */
  public static Envelope decode(byte[] record, int length, String where) {
    return decode(record, length, () -> where);
  }

  /** {@link #decode(byte[], int, String)}, naming the record lazily. */
  public static Envelope decode(byte[] record, int length, Supplier<String> lazyWhere) {
    if (length < 4) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt: " + length + " bytes, too short for a header");
    }
    ByteBuffer in = ByteBuffer.wrap(record, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int tag = Short.toUnsignedInt(in.getShort());
    int schema = Short.toUnsignedInt(in.getShort());
    if (schema < 1) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt: schema " + schema);
    }
    if (schema > SCHEMA) {
      throw new JournalException(lazyWhere.get() + " has schema " + schema + ", newer than " + SCHEMA
          + "; written by a newer Nautilus?");
    }
    if (schema >= 2) {
      if (length < HEADER) {
        throw new CorruptRecordException(lazyWhere.get() + " is corrupt: " + length + " bytes, too short for a header");
      }
      int stored = in.getInt();
      int computed = checksum(record, 0, length);
      if (stored != computed) {
        throw new CorruptRecordException(String.format("%s is corrupt: checksum %08x, expected %08x",
            lazyWhere.get(), computed, stored));
      }
    }
    Codec<?> codec = tag < BY_TAG.length ? BY_TAG[tag] : null;
    if (codec == null || codec.since() > schema) {
      throw new JournalException(lazyWhere.get() + " has unknown event type " + tag + " for schema " + schema
          + "; written by a newer Nautilus?");
    }
    Function<ByteBuffer, ? extends Event> reader = schema == 1 && SCHEMA_1_READERS.containsKey(tag)
        ? SCHEMA_1_READERS.get(tag) : codec.reader();
    try {
      long seq = in.getLong();
      long at = in.getLong();
      Event event = reader.apply(in);
      if (in.hasRemaining()) {
        throw new IllegalStateException(in.remaining() + " bytes left after the " + codec.type().getSimpleName());
      }
      return new Envelope(seq, schema, Instant.ofEpochSecond(0, at), event);
    } catch (BufferUnderflowException e) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt (" + codec.type().getSimpleName() + "): record ends early", e);
    } catch (RuntimeException e) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt (" + codec.type().getSimpleName() + "): " + e, e);
    }
  }

  /**
   * The seq of a schema-2 record of {@code length} bytes, after checking its checksum but without
   * decoding its event: how recovery checks a long journal quickly.
   *
   * @throws CorruptRecordException for a short record, a bad checksum or a schema below 2
   * @throws JournalException for a newer schema
   */
  static long checkedSeq(byte[] record, int length, Supplier<String> lazyWhere) {
    if (length < HEADER + 8) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt: " + length + " bytes, too short for a header");
    }
    ByteBuffer in = ByteBuffer.wrap(record, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    int schema = Short.toUnsignedInt(in.getShort(2));
    if (schema > SCHEMA) {
      throw new JournalException(lazyWhere.get() + " has schema " + schema + ", newer than " + SCHEMA
          + "; written by a newer Nautilus?");
    }
    if (schema < 2) {
      throw new CorruptRecordException(lazyWhere.get() + " is corrupt: schema " + schema + " has no checksum");
    }
    int stored = in.getInt(4);
    int computed = checksum(record, 0, length);
    if (stored != computed) {
      throw new CorruptRecordException(String.format("%s is corrupt: checksum %08x, expected %08x",
          lazyWhere.get(), computed, stored));
    }
    return in.getLong(HEADER);
  }

  /** The seq of a record, read from its header without any check; for skipping records quickly. */
  static long peekSeq(Bytes<?> in) {
    long start = in.readPosition();
    int schema = in.readUnsignedShort(start + 2);
    return in.readLong(start + (schema == 1 ? 4 : HEADER));
  }

  /**
   * CRC32C of a schema-2 record of {@code length} bytes at {@code offset}: every byte but the
   * checksum field itself (bytes 4 to 7), so that a flipped tag or schema is caught too.
   */
  static int checksum(byte[] record, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(record, offset, 4);
    crc.update(record, offset + HEADER, length - HEADER);
    return (int) crc.getValue();
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
    return decode(record, record.length, where);
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
    writeByteArray(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(ByteBuffer in) {
    int length = readLength(in, "string");
    String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static void writeByteArray(BytesOut<?> out, byte[] bytes) {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readByteArray(ByteBuffer in) {
    byte[] bytes = new byte[readLength(in, "byte array")];
    in.get(bytes);
    return bytes;
  }

  private static int readLength(ByteBuffer in, String what) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalStateException(what + " of " + length + " bytes with " + in.remaining() + " left");
    }
    return length;
  }

  private static void writeDouble(BytesOut<?> out, double value) {
    out.writeLong(Double.doubleToRawLongBits(value));
  }

  private static double readDouble(ByteBuffer in) {
    return Double.longBitsToDouble(in.getLong());
  }

  private static boolean readBoolean(ByteBuffer in) {
    byte b = in.get();
    if (b != 0 && b != 1) {
      throw new IllegalStateException("boolean byte " + b);
    }
    return b == 1;
  }

  private static TrialId readTrial(ByteBuffer in) {
    return TrialId.of(in.getLong());
  }

  private static void writeMetrics(BytesOut<?> out, Map<String, Double> metrics) {
    out.writeInt(metrics.size());
    for (Map.Entry<String, Double> metric : new TreeMap<>(metrics).entrySet()) {
      writeString(out, metric.getKey());
      writeDouble(out, metric.getValue());
    }
  }

  private static Map<String, Double> readMetrics(ByteBuffer in) {
    int count = in.getInt();
    // each metric takes at least 12 bytes (empty key + value), which bounds a corrupt count
    if (count < 0 || count > in.remaining() / 12) {
      throw new IllegalStateException("metric count " + count + " with " + in.remaining() + " bytes left");
    }
    // Built immutable at once (the event's Map.copyOf then keeps it) rather than through a HashMap:
    // replay decodes millions of these.
    @SuppressWarnings("unchecked")
    Map.Entry<String, Double>[] entries = new Map.Entry[count];
    for (int i = 0; i < count; i++) {
      entries[i] = Map.entry(readString(in), readDouble(in));
    }
    try {
      return Map.ofEntries(entries);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("a metric twice: " + e.getMessage(), e);
    }
  }

  /** The codec of one event type: its stable tag, the schema that introduced it, writer and reader. */
  private record Codec<E extends Event>(
      int tag, int since, Class<E> type, BiConsumer<E, BytesOut<?>> writer, Function<ByteBuffer, E> reader) {}
}
