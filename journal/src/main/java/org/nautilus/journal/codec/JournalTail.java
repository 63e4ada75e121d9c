package org.nautilus.journal.codec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;

/**
 * Follows a journal that another process (or thread) may be writing, from a given seq on: each
 * {@link #poll} returns the next event once its record is complete. Takes no lock and writes no file,
 * so it never blocks the writer; it sees records as soon as they are in the page cache, which may be
 * before the writer's fsync acknowledges them. Not thread-safe: one tail per reading thread.
 */
public final class JournalTail implements AutoCloseable {
  private static final long PAUSE_NANOS = 1_000_000;

  private final Path dir;
  private final long fromSeq;
  private final ChronicleQueue queue;
  private final ExcerptTailer tailer;
  private long lastSeq;

  private JournalTail(Path dir, long fromSeq, ChronicleQueue queue) {
    this.dir = dir;
    this.fromSeq = fromSeq;
    this.queue = queue;
    this.tailer = queue.createTailer();
    // A tail may be handed from the thread that opened it to the one that reads it.
    this.tailer.singleThreadedCheckDisabled(true);
  }

  /**
   * A tail of the journal in {@code dir} whose first event will be the one with seq {@code fromSeq}
   * (1 for all of them).
   *
   * @throws JournalException if {@code dir} holds no journal
   */
  public static JournalTail open(Path dir, long fromSeq) {
    if (fromSeq < 1) {
      throw new IllegalArgumentException("fromSeq starts at 1, got " + fromSeq);
    }
    ChronicleJournal.requireJournal(dir);
    return new JournalTail(dir, fromSeq, ChronicleJournal.build(dir, true));
  }

  /**
   * The next event if it has been written, without waiting.
   *
   * @throws JournalException for a damaged record or one out of sequence
   */
  public Optional<Envelope> poll() {
    while (true) {
      try (DocumentContext doc = tailer.readingDocument()) {
        if (!doc.isPresent()) {
          return Optional.empty();
        }
        long expected = lastSeq + 1;
        if (expected < fromSeq) {
          long seq = EventCodec.peekSeq(doc.wire().bytes());
          check(seq, expected);
          lastSeq = seq;
          continue;
        }
        Envelope envelope = EventCodec.decode(doc.wire().bytes(), () -> "journal " + dir + ": record " + expected);
        check(envelope.seq(), expected);
        lastSeq = envelope.seq();
        return Optional.of(envelope);
      }
    }
  }

  /** The next event, waiting up to {@code timeout} for it to be written. */
  public Optional<Envelope> poll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Envelope> next = poll();
      if (next.isPresent() || System.nanoTime() - deadline >= 0) {
        return next;
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  /** The seq of the last record read (returned or skipped), 0 before the first. */
  public long lastSeq() {
    return lastSeq;
  }

  private void check(long seq, long expected) {
    if (seq != expected) {
      throw new JournalException("journal " + dir + ": record " + expected + " has seq " + seq + ", expected " + expected);
    }
  }

  @Override
  public void close() {
    try {
      tailer.close();
    } finally {
      queue.close();
    }
  }
}
