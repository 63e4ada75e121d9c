package org.nautilus.journal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;

/**
 * Reads one Chronicle cycle file ({@code .cq4}) byte by byte, without Chronicle, to find where its
 * good records end and what is damaged: what Chronicle cannot do, since it trusts its files (it
 * waits on an incomplete record, and maps a truncated file back to full length).
 *
 * <p>A cycle file is a run of documents, each a 4-byte little-endian header (30-bit length, bit 31
 * "not complete", bit 30 "metadata") then its bytes, each header at a multiple of 4; a zero header
 * ends the data, and {@code 0xC0000000} marks the end of a finished cycle. Metadata documents are
 * Chronicle's own (file header, index); data documents are {@link EventCodec} records.
 *
 * <p>After a bad spot the scan looks ahead, at every 4-byte boundary, for a record whose checksum is
 * right and whose seq comes later: if one exists the damage is {@link JournalProblem.Kind#CORRUPT} and
 * the scan goes on from there; if none does, it is the torn tail a crash leaves.
 */
final class CycleScanner {
  private static final int NOT_COMPLETE = 0x8000_0000;
  private static final int META_DATA = 0x4000_0000;
  private static final int LENGTH_MASK = 0x3FFF_FFFF;
  private static final int END_OF_DATA = NOT_COMPLETE | META_DATA;
  private static final int WINDOW = 1 << 20;

  /** What the caller learns of each good data record. */
  interface Visitor {
    /**
     * A good record at {@code offset}: its bytes are {@code record[0, length)}; {@code envelope} is the
     * decoded record when the scan decodes, else empty.
     */
    void record(long offset, byte[] record, int length, Optional<Envelope> envelope);
  }

  /**
   * What a scan found.
   *
   * @param records good data records
   * @param firstSeq seq of the first good record, 0 if none
   * @param lastSeq seq of the last good record, 0 if none
   * @param goodEnd the offset just after the last good document (data or metadata)
   * @param cleanEnd whether the file ends as Chronicle leaves it (a zero header or an end-of-cycle mark);
   *     false after a torn tail or when the file is cut short
   * @param problems everything wrong, in file order; a torn tail comes last
   */
  record Result(long records, long firstSeq, long lastSeq, long goodEnd, boolean cleanEnd, List<JournalProblem> problems) {
    Optional<JournalProblem> tornTail() {
      return problems.isEmpty() || problems.get(problems.size() - 1).kind() != JournalProblem.Kind.TORN_TAIL
          ? Optional.empty() : Optional.of(problems.get(problems.size() - 1));
    }

    /** Problems other than a torn tail. */
    List<JournalProblem> damage() {
      return problems.stream().filter(p -> p.kind() != JournalProblem.Kind.TORN_TAIL).toList();
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final boolean decode;
  private ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
  private long windowStart;
  private byte[] record = new byte[4096];

  private CycleScanner(Path file, FileChannel channel, boolean decode) throws IOException {
    this.file = file;
    this.channel = channel;
    this.size = channel.size();
    this.decode = decode;
    window.limit(0);
  }

  /**
   * Scans {@code file}.
   *
   * @param previousSeq the seq of the record before this file's first, or -1 if unknown (the first
   *     record may then have any seq)
   * @param decode whether to decode every record (and so find unknown types and bad fields), or only
   *     to check checksums (schema-1 records, which have none, are decoded either way)
   */
  static Result scan(Path file, long previousSeq, boolean decode, Visitor visitor) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return new CycleScanner(file, channel, decode).run(previousSeq, visitor);
    } catch (IOException e) {
      throw new JournalException("journal file " + file + ": cannot read: " + e, e);
    }
  }

  private Result run(long previousSeq, Visitor visitor) throws IOException {
    List<JournalProblem> problems = new ArrayList<>();
    long pos = 0;
    long records = 0;
    long firstSeq = 0;
    long lastSeq = previousSeq;
    long goodEnd = 0;
    boolean cleanEnd = false;
    boolean afterDamage = false;
    while (true) {
      if (pos + 4 > size) {
        if (pos < size || size == 0 || goodEnd < size) {
          problems.add(new JournalProblem(file, pos, JournalProblem.Kind.TORN_TAIL,
              "the file ends at byte " + size + " without an end mark (cut short)"));
        }
        break;
      }
      int header = readInt(pos);
      if (header == 0 || header == END_OF_DATA) {
        cleanEnd = true;
        break;
      }
      int length = header & LENGTH_MASK;
      String bad = null;
      Checked checked = null;
      if ((header & NOT_COMPLETE) != 0) {
        bad = "incomplete record (header " + Integer.toHexString(header) + ")";
      } else if (pos + 4 + length > size) {
        bad = "record of " + length + " bytes runs past the end of the file (" + size + " bytes)";
      } else if ((header & META_DATA) == 0) {
        checked = check(pos, length, lastSeq);
        bad = checked.error;
      }
      if (bad == null) {
        if (checked != null) {
          if (afterDamage) {
            JournalProblem damage = problems.remove(problems.size() - 1);
            long lost = checked.seq - lastSeq - 1;
            problems.add(new JournalProblem(file, damage.offset(), damage.kind(), damage.detail() + " (seq "
                + (lastSeq < 0 ? "?" : Long.toString(lastSeq + 1)) + (lost == 1 ? "" : " to " + (checked.seq - 1))
                + " unreadable)"));
            afterDamage = false;
          } else if (lastSeq >= 0 && checked.seq != lastSeq + 1) {
            problems.add(new JournalProblem(file, pos, JournalProblem.Kind.SEQUENCE,
                "record has seq " + checked.seq + ", expected " + (lastSeq + 1)));
          }
          records++;
          firstSeq = firstSeq == 0 ? checked.seq : firstSeq;
          lastSeq = checked.seq;
          visitor.record(pos, record, length, checked.envelope);
        }
        pos = align(pos + 4 + length);
        goodEnd = pos;
        continue;
      }
      if (checked != null && checked.newer) {
        problems.add(new JournalProblem(file, pos, JournalProblem.Kind.NEWER_VERSION, checked.error));
        break; // cannot tell this record's length is right, nor check anything after it
      }
      long next = resync(pos, lastSeq);
      if (next < 0) {
        problems.add(new JournalProblem(file, pos, JournalProblem.Kind.TORN_TAIL,
            bad + ", and no complete record after it"));
        break;
      }
      problems.add(new JournalProblem(file, pos, JournalProblem.Kind.CORRUPT,
          bad + "; " + (next - pos) + " bytes skipped, good records resume at byte " + next));
      afterDamage = true;
      pos = next;
    }
    return new Result(records, firstSeq, records == 0 ? 0 : lastSeq, goodEnd, cleanEnd, List.copyOf(problems));
  }

  /** The next offset after {@code from} holding a checksummed record with a later seq, or -1. */
  private long resync(long from, long lastSeq) throws IOException {
    for (long q = align(from + 4); q + 4 <= size; q += 4) {
      int header = readInt(q);
      if (header == 0 || (header & (NOT_COMPLETE | META_DATA)) != 0) {
        continue;
      }
      int length = header & LENGTH_MASK;
      if (length < 24 || q + 4 + length > size) {
        continue;
      }
      readRecord(q, length);
      if (Short.toUnsignedInt((short) ((record[2] & 0xff) | (record[3] & 0xff) << 8)) < 2) {
        continue; // schema 1 has no checksum to trust
      }
      Checked checked = check(q, length, -1);
      if (checked.error == null && (lastSeq < 0 || checked.seq > lastSeq)) {
        return q;
      }
    }
    return -1;
  }

  /** The outcome of checking one data record. */
  private record Checked(long seq, Optional<Envelope> envelope, String error, boolean newer) {}

  private Checked check(long pos, int length, long lastSeq) throws IOException {
    readRecord(pos, length);
    // built only for an error: recovery checks millions of records
    Supplier<String> where = () -> file + " at byte " + pos + " (record "
        + (lastSeq < 0 ? "?" : Long.toString(lastSeq + 1)) + ")";
    int schema = length < 4 ? 0 : (record[2] & 0xff) | (record[3] & 0xff) << 8;
    try {
      if (decode || schema == 1) {
        Envelope envelope = EventCodec.decode(record, length, where);
        return new Checked(envelope.seq(), Optional.of(envelope), null, false);
      }
      return new Checked(EventCodec.checkedSeq(record, length, where), Optional.empty(), null, false);
    } catch (CorruptRecordException e) {
      String detail = e.getMessage().substring(where.get().length() + 1);
      return new Checked(0, Optional.empty(), detail.startsWith("is corrupt: ") ? detail.substring(12) : detail, false);
    } catch (JournalException e) {
      return new Checked(0, Optional.empty(), e.getMessage().substring(where.get().length() + 1), true);
    }
  }

  private void readRecord(long pos, int length) throws IOException {
    if (record.length < length) {
      record = new byte[Math.max(length, record.length * 2)];
    }
    ensure(pos + 4, length);
    window.get(Math.toIntExact(pos + 4 - windowStart), record, 0, length);
  }

  private int readInt(long pos) throws IOException {
    ensure(pos, 4);
    return window.getInt(Math.toIntExact(pos - windowStart));
  }

  /** Makes {@code [pos, pos + n)} readable in the window. */
  private void ensure(long pos, int n) throws IOException {
    if (pos >= windowStart && pos + n <= windowStart + window.limit()) {
      return;
    }
    if (window.capacity() < n) {
      window = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
    window.clear();
    windowStart = pos;
    while (window.hasRemaining()) {
      int read = channel.read(window, windowStart + window.position());
      if (read < 0) {
        break;
      }
    }
    window.flip();
    if (window.limit() < n) {
      throw new IOException("cannot read " + n + " bytes at " + pos + " of " + file);
    }
  }

  private static long align(long pos) {
    return (pos + 3) & ~3L;
  }
}
