package org.nautilus.journal.codec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;

/**
 * A {@link Journal} on a Chronicle Queue directory, one {@link EventCodec} record per document.
 *
 * <p><b>Files.</b> The directory holds {@code metadata.cq4t} and one {@code yyyyMMdd'F'.cq4} file per
 * UTC day in which events were appended ({@link #ROLL_CYCLE}); nothing is written anywhere else.
 * A cycle file is sparse: it reserves about 80 MB of address space but uses disk only for what is written.
 *
 * <p><b>Time.</b> Each envelope's {@code at} comes from the injected {@link Clock}. Which daily file
 * an event lands in follows the system clock, as Chronicle decides it; replay order is append order either way.
 *
 * <p><b>Durability.</b> When {@link #append} returns, the record is complete in a memory-mapped page
 * of the file: it survives the process being killed, but not an operating-system crash or power loss,
 * because nothing calls fsync/msync. Synchronous modes (Chronicle's {@code SyncMode}) come later.
 *
 * <p><b>Threads.</b> A journal has one writer (the search's supervisor). The methods are
 * {@code synchronized}, so that writer may move between threads (as an actor does between a
 * dispatcher's threads) and a reader may {@link #replay} from another thread; appends from several
 * threads are safe but their order is whatever the lock gives. Only one process may write a journal
 * at a time; this is not yet enforced. Readers in other processes ({@link #read(Path)}) are fine.
 */
public final class ChronicleJournal implements Journal {

  static {
    ChronicleSettings.apply();
  }

  /**
   * One file per UTC day, up to 2^32 events per day. A month-long search of millions of events is
   * about 30 files, each well inside its limit, and a day is a convenient unit to archive or inspect.
   * Chronicle's default cycle, so it is also its best-trodden one.
   */
  public static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

  private static final String METADATA_FILE = "metadata.cq4t";
  private static final String CYCLE_FILES = "*.cq4";

  private final Path dir;
  private final Clock clock;
  private final ChronicleQueue queue;
  private final ExcerptAppender appender;
  private final Bytes<byte[]> scratch = Bytes.allocateElasticOnHeap(256);
  private long lastSeq;
  private boolean closed;

  private ChronicleJournal(Path dir, Clock clock, ChronicleQueue queue, long lastSeq) {
    this.dir = dir;
    this.clock = clock;
    this.queue = queue;
    this.lastSeq = lastSeq;
    this.appender = queue.createAppender();
    // Serialised by this object's lock rather than tied to one thread (Chronicle checks the latter).
    this.appender.singleThreadedCheckDisabled(true);
    this.scratch.singleThreadedCheckDisabled(true);
  }

  /**
   * A new, empty journal in {@code dir}, which is created if missing and may hold other files but no journal.
   *
   * @throws JournalException if {@code dir} already holds a journal or cannot be created
   */
  public static ChronicleJournal create(Path dir, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new JournalException("journal " + dir + ": not a directory");
    }
    if (holdsJournal(dir)) {
      throw new JournalException("a journal already exists at " + dir + "; open it to append, or choose another directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot create the directory: " + e, e);
    }
    return new ChronicleJournal(dir, clock, build(dir, false), 0);
  }

  /**
   * The existing journal in {@code dir}, opened to append; sequence numbers continue after its last event.
   *
   * @throws JournalException if {@code dir} holds no journal, or its last record cannot be read
   */
  public static ChronicleJournal open(Path dir, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    requireJournal(dir);
    ChronicleQueue queue = build(dir, false);
    try {
      return new ChronicleJournal(dir, clock, queue, lastSeq(queue, dir));
    } catch (RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /** Whether {@code dir} holds a journal (its metadata or any cycle file); never creates anything. */
  public static boolean exists(Path dir) {
    return holdsJournal(dir);
  }

  /**
   * Every event of the journal in {@code dir}, in order, read without creating or changing any file;
   * the journal may be open for writing in another process (events appended meanwhile may be missed).
   *
   * @throws JournalException "no journal at DIR" for a missing directory or one without journal files,
   *     or naming the record that cannot be read
   */
  public static List<Envelope> read(Path dir) {
    List<Envelope> events = new ArrayList<>();
    read(dir, events::add);
    return events;
  }

  /** Streams every event of the journal in {@code dir} to {@code consumer}; otherwise as {@link #read(Path)}. */
  public static void read(Path dir, Consumer<? super Envelope> consumer) {
    requireJournal(dir);
    try (ChronicleQueue queue = build(dir, true)) {
      readAll(queue, dir, consumer);
    }
  }

  /**
   * Appends {@code event} with the next sequence number and the clock's current instant. When this
   * returns the record is complete in the mapped file (see the class comment on durability).
   */
  @Override
  public synchronized Envelope append(Event event) {
    Objects.requireNonNull(event, "event");
    requireOpen();
    Envelope envelope = new Envelope(lastSeq + 1, EventCodec.SCHEMA, clock.instant(), event);
    // Encode first, so a failure leaves no half-written document behind.
    scratch.clear();
    EventCodec.encode(envelope, scratch);
    try {
      appender.writeBytes(scratch);
    } catch (RuntimeException e) {
      throw new JournalException("journal " + dir + ": cannot append record " + envelope.seq() + ": " + e, e);
    }
    lastSeq = envelope.seq();
    return envelope;
  }

  /** Streams every event appended so far, from the first, on the calling thread. */
  @Override
  public synchronized void replay(Consumer<Envelope> consumer) {
    requireOpen();
    readAll(queue, dir, consumer);
  }

  @Override
  public Path directory() {
    return dir;
  }

  /** The sequence number of the last event appended, 0 for an empty journal. */
  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** Releases the files; later calls other than {@code close} and {@link #directory} throw. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      appender.close();
    } finally {
      queue.close();
      scratch.releaseLast();
    }
  }

  @Override
  public String toString() {
    return "ChronicleJournal[" + dir + "]";
  }

  private void requireOpen() {
    if (closed) {
      throw new JournalException("journal " + dir + " is closed");
    }
  }

  private static ChronicleQueue build(Path dir, boolean readOnly) {
    try {
      return SingleChronicleQueueBuilder.binary(dir).rollCycle(ROLL_CYCLE).readOnly(readOnly).build();
    } catch (RuntimeException e) {
      throw new JournalException("journal " + dir + ": cannot open: " + e, e);
    }
  }

  private static void readAll(ChronicleQueue queue, Path dir, Consumer<? super Envelope> consumer) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      long[] record = {0};
      boolean more = true;
      while (more) {
        Envelope[] read = {null};
        more = tailer.readBytes(in -> read[0] = EventCodec.decode(in, where(dir, record[0] + 1)));
        if (more) {
          record[0]++;
          if (read[0].seq() != record[0]) {
            throw new JournalException(where(dir, record[0]) + " has seq " + read[0].seq() + ", expected " + record[0]);
          }
          consumer.accept(read[0]);
        }
      }
    }
  }

  /** The seq of the last record, 0 if there is none; reads backwards from the end, so it is cheap. */
  private static long lastSeq(ChronicleQueue queue, Path dir) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      tailer.direction(TailerDirection.BACKWARD).toEnd();
      long[] seq = {0};
      tailer.readBytes(in -> seq[0] = EventCodec.decode(in, "journal " + dir + ": last record").seq());
      return seq[0];
    }
  }

  private static String where(Path dir, long record) {
    return "journal " + dir + ": record " + record;
  }

  private static void requireJournal(Path dir) {
    if (!holdsJournal(dir)) {
      throw new JournalException("no journal at " + dir);
    }
  }

  private static boolean holdsJournal(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    if (Files.exists(dir.resolve(METADATA_FILE))) {
      return true;
    }
    try (DirectoryStream<Path> cycles = Files.newDirectoryStream(dir, CYCLE_FILES)) {
      return cycles.iterator().hasNext();
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot list the directory: " + e, e);
    }
  }
}
