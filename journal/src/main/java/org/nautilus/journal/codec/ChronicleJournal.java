package org.nautilus.journal.codec;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.nautilus.journal.Durability;
import org.nautilus.journal.Journal;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;

/**
 * A {@link Journal} on a Chronicle Queue directory, one {@link EventCodec} record per document.
 *
 * <p><b>Files.</b> The directory holds {@code metadata.cq4t}, one {@code yyyyMMdd'F'.cq4} file per
 * UTC day in which events were appended ({@link #ROLL_CYCLE}), {@value WriterLock#FILE} (the writer's
 * lock), {@code snapshot-*.bin} state snapshots ({@link SnapshotStore}) and, after a crash was
 * repaired, the damaged files in {@code damaged/}. A cycle file is sparse: it reserves about 80 MB of
 * address space but uses disk only for what is written.
 *
 * <p><b>Time.</b> Each envelope's {@code at} comes from the injected {@link Clock}. Which daily file
 * an event lands in follows the system clock, as Chronicle decides it; replay order is append order either way.
 *
 * <p><b>Durability</b> follows the {@link JournalConfig}'s {@link Durability}. Chronicle writes through
 * memory-mapped pages, so a record is in the page cache (and survives the process being killed) as soon
 * as it is written; making it survive a power cut takes an fsync. Chronicle's own {@code SyncMode}
 * calls {@code msync} on the mapped chunks it tracks, through its native {@code posix} layer; instead
 * this class calls {@link FileChannel#force} on each cycle file written since the last sync. On Linux
 * that is {@code fdatasync(2)}, and because mapped pages and the file's page cache are the same pages,
 * it writes back the pages dirtied through any mapping of the file ({@code msync(MS_SYNC)} is itself
 * implemented as an fsync of the range), covering every chunk with plain JDK calls. A new cycle file is
 * made durable in its directory with an fsync of the directory.
 *
 * <p><b>Acknowledgements.</b> {@link #appendAsync} writes the record on the calling thread and returns a
 * stage that completes once the record is durable: at once in {@code os} mode, after an fsync on the
 * calling thread in {@code sync} mode, and on the journal's own fsync thread
 * ({@code "nautilus-journal-fsync DIR"}) in {@code group} mode, so an actor must move the result off it
 * (e.g. {@code pipeToSelf}). {@link #append} is the blocking form; in {@code group} mode it has its
 * event committed at once with whatever else waits, rather than after the group delay. A failed write or fsync (a full
 * disk, an I/O error) fails that acknowledgement and every later append with a {@link JournalException};
 * everything acknowledged before it is durable.
 *
 * <p><b>Threads and processes.</b> The methods are {@code synchronized}, so the one writer may move
 * between threads (as an actor does between a dispatcher's threads) and a reader may {@link #replay}
 * from another thread. One process at a time may write a journal ({@link WriterLock}, released by the
 * kernel even when the writer is killed); readers in any process ({@link #read(Path)}, {@link JournalTail})
 * need no lock and never block the writer.
 *
 * <p><b>Recovery.</b> Opening a journal to append first cuts off a torn last record left by a crash,
 * with a warning, and refuses a journal damaged anywhere else ({@link Recovery}).
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
  /**
   * The largest record appended. Chronicle refuses a document over a quarter of its block (64 MiB
   * for this roll cycle): here a 16 MiB - 100 byte record was written and a 16 MiB + 40 byte one was
   * refused. A larger event (a huge searcher snapshot) is refused before it reaches Chronicle.
   */
  public static final int MAX_RECORD_BYTES = 15 << 20;

  /** Free space is checked after this many bytes are appended (a statfs call costs about a microsecond). */
  private static final long SPACE_CHECK_BYTES = 1 << 20;

  /** The envelope of the latest write, for {@link #appendPending}; guarded by this. */
  private Envelope lastWritten;
  private final Path dir;
  private final Clock clock;
  private final JournalConfig config;
  private final WriterLock writerLock;
  private final ChronicleQueue queue;
  private final ExcerptAppender appender;
  private final Bytes<byte[]> scratch = Bytes.allocateElasticOnHeap(256);
  private final FileStore store;
  private final Optional<GroupCommitter> committer;
  /** Cycle files written since the last fsync, and their channels; guarded by itself. */
  private final Map<Path, FileChannel> unsynced = new LinkedHashMap<>();
  private final Map<Path, FileChannel> channels = new LinkedHashMap<>();
  private boolean directoryUnsynced;
  private Path currentFile;
  private int cycle = Integer.MIN_VALUE;
  private long bytesSinceSpaceCheck;
  private long lastSeq;
  private long lastIndex = -1;
  private JournalException failure;
  private boolean closed;

  private ChronicleJournal(Path dir, Clock clock, JournalConfig config, WriterLock writerLock, ChronicleQueue queue,
      long[] last) {
    this.dir = dir;
    this.clock = clock;
    this.config = config;
    this.writerLock = writerLock;
    this.queue = queue;
    this.lastSeq = last[0];
    this.lastIndex = last[1];
    this.appender = queue.createAppender();
    // Serialised by this object's lock rather than tied to one thread (Chronicle checks the latter).
    this.appender.singleThreadedCheckDisabled(true);
    this.scratch.singleThreadedCheckDisabled(true);
    try {
      this.store = Files.getFileStore(dir);
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot find its file system: " + e, e);
    }
    this.committer = config.durability().mode() == Durability.Mode.GROUP
        ? Optional.of(new GroupCommitter("journal " + dir, config.durability(), this::sync))
        : Optional.empty();
  }

  /** {@link #create(Path, Clock, JournalConfig)} with {@link JournalConfig#defaults()} (group commit). */
  public static ChronicleJournal create(Path dir, Clock clock) {
    return create(dir, clock, JournalConfig.defaults());
  }

  /**
   * A new, empty journal in {@code dir}, which is created if missing and may hold other files but no journal.
   *
   * @throws JournalException if {@code dir} already holds a journal or cannot be created
   */
  public static ChronicleJournal create(Path dir, Clock clock, JournalConfig config) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(config, "config");
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
    WriterLock lock = WriterLock.acquire(dir);
    try {
      ChronicleJournal journal = new ChronicleJournal(dir, clock, config, lock, build(dir, false), new long[] {0, -1});
      journal.checkSpace();
      return journal;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** {@link #open(Path, Clock, JournalConfig)} with {@link JournalConfig#defaults()} (group commit). */
  public static ChronicleJournal open(Path dir, Clock clock) {
    return open(dir, clock, JournalConfig.defaults());
  }

  /**
   * The existing journal in {@code dir}, opened to append; sequence numbers continue after its last
   * event. A torn last record (a crash mid-write) is cut off with a warning first ({@link Recovery}).
   *
   * @throws JournalException if {@code dir} holds no journal, another live process writes it (naming
   *     that process), or it is damaged other than at its tail (naming the file and byte offset)
   */
  public static ChronicleJournal open(Path dir, Clock clock, JournalConfig config) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(config, "config");
    requireJournal(dir);
    WriterLock lock = WriterLock.acquire(dir);
    ChronicleQueue queue = null;
    try {
      Recovery.recover(dir);
      queue = build(dir, false);
      ChronicleJournal journal = new ChronicleJournal(dir, clock, config, lock, queue, last(queue, dir));
      if (config.durability().mode() != Durability.Mode.OS) {
        // What a crashed writer left in the page cache may not be on disk yet; later acks build on it.
        journal.syncAllCycleFiles();
      }
      journal.checkSpace();
      return journal;
    } catch (RuntimeException e) {
      if (queue != null) {
        queue.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * The live process writing the journal in {@code dir} ("pid 1234 on host"), if any; takes no lock.
   * A writer killed with SIGKILL is not live, though its pid stays in the lock file.
   */
  public static Optional<String> liveWriter(Path dir) {
    return WriterLock.liveOwner(dir);
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
    read(dir, 1, consumer);
  }

  /**
   * Streams the events with {@code seq >= fromSeq} of the journal in {@code dir}; the records before
   * are skipped without being decoded. Otherwise as {@link #read(Path)}.
   */
  public static void read(Path dir, long fromSeq, Consumer<? super Envelope> consumer) {
    requireJournal(dir);
    try (ChronicleQueue queue = build(dir, true)) {
      readAll(queue, dir, fromSeq, consumer);
    }
  }

  /**
   * The state of the search journaled in {@code dir}: the latest good snapshot ({@link SnapshotStore})
   * and the events after it folded in, or every event folded when there is no snapshot. Read-only.
   */
  public static SearchState state(Path dir) {
    return resume(dir).state();
  }

  /**
   * How {@link #resume} rebuilt a state.
   *
   * @param state the state after the journal's last event
   * @param snapshotSeq the seq of the snapshot it started from, 0 if it folded every event
   * @param eventsFolded how many events it read and folded
   */
  public record Resumed(SearchState state, long snapshotSeq, long eventsFolded) {}

  /** {@link #state(Path)}, saying whether it started from a snapshot and how many events it read. */
  public static Resumed resume(Path dir) {
    requireJournal(dir);
    try (ChronicleQueue queue = build(dir, true)) {
      long[] folded = {0};
      Optional<SnapshotStore.Snapshot> snapshot = SnapshotStore.latest(dir);
      if (snapshot.isPresent()) {
        SearchState state = snapshot.get().state();
        long snapshotSeq = state.lastSeq();
        Consumer<Envelope> fold = e -> {
          state.apply(e);
          folded[0]++;
        };
        if (readFromIndex(queue, dir, snapshot.get().index(), snapshotSeq, fold)) {
          return new Resumed(state, snapshotSeq, folded[0]);
        }
      }
      SearchState state = new SearchState();
      readAll(queue, dir, 1, e -> {
        state.apply(e);
        folded[0]++;
      });
      return new Resumed(state, 0, folded[0]);
    }
  }

  /**
   * Appends {@code event} with the next sequence number and the clock's current instant, and blocks
   * until it is durable as the journal's {@link Durability} promises.
   *
   * @throws JournalException if the event cannot be written or made durable (a full disk, an I/O error)
   */
  @Override
  public Envelope append(Event event) {
    CompletableFuture<Envelope> ack = append(event, true);
    try {
      return ack.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof JournalException j) {
        throw j;
      }
      throw new JournalException("journal " + dir + ": " + e.getCause(), e.getCause());
    }
  }

  /**
   * Writes {@code event} (seq and time assigned) before returning; the result completes once it is
   * durable, on the thread the class comment names for the journal's mode.
   *
   * @throws JournalException at once if the journal is closed, has failed, or the disk is nearly full
   */
  @Override
  public CompletableFuture<Envelope> appendAsync(Event event) {
    return append(event, false);
  }

  /**
   * Writes {@code event} before returning, with the durability stage of {@link #appendAsync}.
   *
   * @throws JournalException at once if the journal is closed, has failed, or the disk is nearly full
   */
  @Override
  public Pending appendPending(Event event) {
    synchronized (this) {
      CompletableFuture<Envelope> durable = append(event, false);
      return new Pending(lastWritten, durable);
    }
  }

  /**
   * Writes {@code event} before returning; its durability is reported to {@code listener}: at once in
   * {@code os} and {@code sync} modes, on the fsync thread with its group in {@code group} mode.
   *
   * @throws JournalException at once if the journal is closed, has failed, or the disk is nearly full
   */
  @Override
  public Envelope appendReporting(Event event, DurabilityListener listener) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    Envelope envelope;
    synchronized (this) {
      envelope = write(event);
      lastWritten = envelope;
      if (config.durability().mode() == Durability.Mode.GROUP) {
        committer.orElseThrow().submit(envelope.seq(), listener);
        return envelope;
      }
      if (config.durability().mode() == Durability.Mode.SYNC) {
        sync();
      }
    }
    listener.durableThrough(envelope.seq());
    return envelope;
  }

  private CompletableFuture<Envelope> append(Event event, boolean blocking) {
    Objects.requireNonNull(event, "event");
    synchronized (this) {
      Envelope envelope = write(event);
      lastWritten = envelope;
      switch (config.durability().mode()) {
        case OS:
          return CompletableFuture.completedFuture(envelope);
        case SYNC:
          sync();
          return CompletableFuture.completedFuture(envelope);
        default:
          return committer.orElseThrow().submit(envelope, blocking);
      }
    }
  }

  private Envelope write(Event event) {
    requireOpen();
    if (failure != null) {
      throw failure;
    }
    committer.map(GroupCommitter::failure).ifPresent(f -> {
      throw f;
    });
    Envelope envelope = new Envelope(lastSeq + 1, EventCodec.SCHEMA, clock.instant(), event);
    // Encode first, so a failure leaves no half-written document behind.
    scratch.clear();
    EventCodec.encode(envelope, scratch);
    if (scratch.readRemaining() > MAX_RECORD_BYTES) {
      // nothing written: the journal stays usable
      throw new JournalException(String.format("journal %s: a %s of %,d bytes is over the %,d-byte limit of a record",
          dir, event.getClass().getSimpleName(), scratch.readRemaining(), MAX_RECORD_BYTES));
    }
    if (bytesSinceSpaceCheck > SPACE_CHECK_BYTES) {
      checkSpace();
    }
    try {
      writeScratch();
    } catch (RuntimeException | Error e) {
      // An Error too: a write to a mapped page the file system cannot back surfaces as an InternalError.
      failure = new JournalException("journal " + dir + ": cannot append record " + envelope.seq() + ": " + e, e);
      throw failure;
    }
    bytesSinceSpaceCheck += scratch.readRemaining() + 4;
    lastSeq = envelope.seq();
    lastIndex = appender.lastIndexAppended();
    if (appender.cycle() != cycle) {
      cycle = appender.cycle();
      Path file = appender.currentFile().toPath();
      synchronized (unsynced) {
        unsynced.put(file, channel(file));
        currentFile = file;
        directoryUnsynced = true;
      }
    }
    return envelope;
  }

  /**
   * Appends the encoded record as one document. Copied as a byte array: {@code appender.writeBytes(Bytes)}
   * copies 8 bytes per interface call and took a quarter of the supervisor's CPU in the orchestration
   * benchmark; an array is one block copy into the mapped file.
   */
  private void writeScratch() {
    try (DocumentContext doc = appender.writingDocument()) {
      try {
        doc.wire().bytes().write(scratch.underlyingObject(), Math.toIntExact(scratch.readPosition() - scratch.start()),
            Math.toIntExact(scratch.readRemaining()));
      } catch (RuntimeException | Error e) {
        doc.rollbackOnClose(); // no half-written document
        throw e;
      }
    }
  }

  /** Refuses appends while the file system is nearly full, before a mapped write could crash the JVM. */
  private void checkSpace() {
    bytesSinceSpaceCheck = 0;
    long free;
    try {
      free = store.getUsableSpace();
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot read the free disk space: " + e, e);
    }
    if (free < config.minFreeBytes()) {
      throw new JournalException(String.format(
          "journal %s: disk nearly full: %,d MiB free, at least %,d MiB needed; free some space and resume the search",
          dir, free >> 20, config.minFreeBytes() >> 20));
    }
  }

  /** fsyncs every cycle file written since the last call, and the directory when a file was added. */
  private void sync() {
    List<FileChannel> files;
    boolean directory;
    synchronized (unsynced) {
      files = new ArrayList<>(unsynced.values());
      directory = directoryUnsynced;
      directoryUnsynced = false;
      // The current file stays: it is written again before the next sync.
      unsynced.keySet().removeIf(file -> !file.equals(currentFile));
    }
    try {
      for (FileChannel file : files) {
        file.force(false);
      }
      if (directory) {
        Recovery.fsyncDirectory(dir);
        channel(dir.resolve(METADATA_FILE)).force(false);
      }
    } catch (IOException | RuntimeException e) {
      JournalException failed = new JournalException("journal " + dir + ": fsync failed: " + e, e);
      synchronized (this) {
        failure = failed;
      }
      throw failed;
    }
  }

  private void syncAllCycleFiles() {
    synchronized (unsynced) {
      for (Path file : Recovery.cycleFiles(dir)) {
        unsynced.put(file, channel(file));
      }
      directoryUnsynced = true;
    }
    sync();
    synchronized (unsynced) {
      unsynced.clear();
    }
  }

  private FileChannel channel(Path file) {
    synchronized (channels) {
      FileChannel channel = channels.get(file);
      if (channel == null) {
        try {
          channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
          throw new JournalException("journal " + dir + ": cannot open " + file + " to fsync it: " + e, e);
        }
        channels.put(file, channel);
      }
      return channel;
    }
  }

  /** Streams every event appended so far, from the first, on the calling thread. */
  @Override
  public synchronized void replay(Consumer<Envelope> consumer) {
    replay(1, consumer);
  }

  /** Streams the events with {@code seq >= fromSeq}, skipping earlier ones without decoding them. */
  @Override
  public synchronized void replay(long fromSeq, Consumer<Envelope> consumer) {
    requireOpen();
    readAll(queue, dir, fromSeq, consumer);
  }

  /**
   * Stores a snapshot of {@code state}, which must have folded every event of this journal so far
   * (its {@code lastSeq} equals {@link #lastSeq()}), after making those events durable; a later
   * {@link #state(Path)} starts from it. Blocks for the snapshot's write and fsync.
   *
   * @throws IllegalArgumentException if {@code state} is not at this journal's last seq
   */
  public synchronized void snapshot(SearchState state) {
    requireOpen();
    if (state.lastSeq() != lastSeq) {
      throw new IllegalArgumentException("the state is at seq " + state.lastSeq() + ", the journal at " + lastSeq);
    }
    if (config.durability().mode() != Durability.Mode.OS) {
      sync();
    }
    SnapshotStore.write(dir, state, lastIndex, config.durability().mode() != Durability.Mode.OS);
  }

  @Override
  public Path directory() {
    return dir;
  }

  /** The sequence number of the last event appended, 0 for an empty journal. */
  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** The durability this journal was opened with. */
  public Durability durability() {
    return config.durability();
  }

  /**
   * Makes everything appended durable (except in {@code os} mode) and releases the files and the
   * writer's lock; later calls other than {@code close} and {@link #directory} throw. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      committer.ifPresent(GroupCommitter::close);
      if (config.durability().mode() != Durability.Mode.OS && failure == null && cycle != Integer.MIN_VALUE) {
        sync();
      }
    } finally {
      synchronized (this) {
        try {
          appender.close();
        } finally {
          queue.close();
          scratch.releaseLast();
          synchronized (channels) {
            for (FileChannel channel : channels.values()) {
              try {
                channel.close();
              } catch (IOException ignored) {
                // nothing more to do with it
              }
            }
          }
          writerLock.close();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ChronicleJournal[" + dir + ", " + config.durability() + "]";
  }

  private void requireOpen() {
    if (closed) {
      throw new JournalException("journal " + dir + " is closed");
    }
  }

  static ChronicleQueue build(Path dir, boolean readOnly) {
    try {
      return SingleChronicleQueueBuilder.binary(dir).rollCycle(ROLL_CYCLE).readOnly(readOnly).build();
    } catch (RuntimeException e) {
      throw new JournalException("journal " + dir + ": cannot open: " + e, e);
    }
  }

  /** Reads from the start, checking that seqs run 1, 2, 3...; decodes only from {@code fromSeq} on. */
  private static void readAll(ChronicleQueue queue, Path dir, long fromSeq, Consumer<? super Envelope> consumer) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      // confined to this call; Chronicle's per-document thread check was 10% of a replay's time
      tailer.singleThreadedCheckDisabled(true);
      readOn(tailer, dir, 0, fromSeq, consumer);
    }
  }

  /**
   * Streams the records after the one at Chronicle index {@code index}, which must have seq
   * {@code seqAtIndex}; false, having read nothing, if it does not (the files were rewritten since).
   */
  private static boolean readFromIndex(ChronicleQueue queue, Path dir, long index, long seqAtIndex,
      Consumer<? super Envelope> consumer) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      tailer.singleThreadedCheckDisabled(true);
      if (index < 0 || !tailer.moveToIndex(index)) {
        return false;
      }
      try (DocumentContext doc = tailer.readingDocument()) {
        if (!doc.isPresent() || EventCodec.peekSeq(doc.wire().bytes()) != seqAtIndex) {
          return false;
        }
      }
      readOn(tailer, dir, seqAtIndex, seqAtIndex + 1, consumer);
      return true;
    }
  }

  private static void readOn(ExcerptTailer tailer, Path dir, long lastSeq, long fromSeq,
      Consumer<? super Envelope> consumer) {
    long expected = lastSeq;
    while (true) {
      Envelope envelope = null;
      try (DocumentContext doc = tailer.readingDocument()) {
        if (!doc.isPresent()) {
          return;
        }
        if (!doc.isData()) {
          continue;
        }
        expected++;
        if (expected < fromSeq) {
          long seq = EventCodec.peekSeq(doc.wire().bytes());
          if (seq != expected) {
            throw new JournalException(where(dir, expected) + " has seq " + seq + ", expected " + expected);
          }
          continue;
        }
        long record = expected;
        envelope = EventCodec.decode(doc.wire().bytes(), () -> where(dir, record));
      }
      if (envelope.seq() != expected) {
        throw new JournalException(where(dir, expected) + " has seq " + envelope.seq() + ", expected " + expected);
      }
      consumer.accept(envelope);
    }
  }

  /**
   * The seq and Chronicle index of the last record, {0, -1} if there is none; reads backwards from
   * the end, so it is cheap.
   */
  private static long[] last(ChronicleQueue queue, Path dir) {
    try (ExcerptTailer tailer = queue.createTailer()) {
      tailer.direction(TailerDirection.BACKWARD).toEnd();
      long[] last = {0, -1};
      if (tailer.readBytes(in -> last[0] = EventCodec.decode(in, "journal " + dir + ": last record").seq())) {
        last[1] = tailer.lastReadIndex();
      }
      return last;
    }
  }

  private static String where(Path dir, long record) {
    return "journal " + dir + ": record " + record;
  }

  static void requireJournal(Path dir) {
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
