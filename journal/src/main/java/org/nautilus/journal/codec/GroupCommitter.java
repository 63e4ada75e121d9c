package org.nautilus.journal.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.nautilus.journal.Durability;
import org.nautilus.journal.Journal.DurabilityListener;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;

/**
 * Group commit: one thread that fsyncs the journal once {@code groupEvents} written events are waiting
 * or the oldest has waited {@code groupDelay}, then completes their acknowledgements, in seq order,
 * on that thread. Appends go on while an fsync runs; they wait for the next one.
 *
 * <p>A caller that blocks on its acknowledgement ({@code Journal.append}) cannot add to the group
 * while it waits, so waiting out the delay would only add latency: such an event is committed at once,
 * with whatever else is waiting.
 *
 * <p>After a failed fsync nothing more is acknowledged: the waiting and every later acknowledgement
 * fail with the {@link JournalException}, since what the failed fsync should have covered may be lost.
 */
final class GroupCommitter implements AutoCloseable {
  /** Makes every event written so far durable. */
  interface Syncer {
    void sync();
  }

  private record Pending(Envelope envelope, CompletableFuture<Envelope> ack) {}

  /** The highest seq a listener waits to hear durable; one per run of submissions to the same listener. */
  private static final class Report {
    final DurabilityListener listener;
    long seq;

    Report(DurabilityListener listener, long seq) {
      this.listener = listener;
      this.seq = seq;
    }
  }

  private final String name;
  private final Syncer syncer;
  private final int groupEvents;
  private final long delayNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final ArrayList<Report> reports = new ArrayList<>();
  /** Events written and not yet committed: those in {@code pending} and those behind {@code reports}. */
  private int waiting;
  private final Thread thread;
  private long firstPendingNanos;
  private boolean urgent;
  private boolean closing;
  private volatile JournalException failure;

  GroupCommitter(String name, Durability durability, Syncer syncer) {
    this.name = name;
    this.syncer = syncer;
    this.groupEvents = durability.groupEvents();
    this.delayNanos = durability.groupDelay().toNanos();
    this.thread = new Thread(this::run, "nautilus-journal-fsync " + name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The failure that stopped acknowledgements, if any. */
  JournalException failure() {
    return failure;
  }

  /**
   * Queues the acknowledgement of an event already written; call in seq order. {@code blocking} says the
   * caller will wait for it, so the group is committed now rather than when full or due.
   */
  CompletableFuture<Envelope> submit(Envelope envelope, boolean blocking) {
    CompletableFuture<Envelope> ack = new CompletableFuture<>();
    lock.lock();
    try {
      if (failure != null) {
        ack.completeExceptionally(failure);
        return ack;
      }
      if (closing) {
        ack.completeExceptionally(new JournalException(name + " is closed"));
        return ack;
      }
      pending.add(new Pending(envelope, ack));
      urgent |= blocking;
      added(blocking);
    } finally {
      lock.unlock();
    }
    return ack;
  }

  /**
   * Queues the report of an event already written, without a stage of its own: {@code listener} hears
   * {@code seq} durable with its group (or fails then, or at once if the journal has failed or is closing).
   */
  void submit(long seq, DurabilityListener listener) {
    JournalException refused = null;
    lock.lock();
    try {
      if (failure != null) {
        refused = failure;
      } else if (closing) {
        refused = new JournalException(name + " is closed");
      } else {
        Report last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        if (last != null && last.listener == listener) {
          last.seq = seq; // no allocation per event: the group reports the highest seq
        } else {
          reports.add(new Report(listener, seq));
        }
        added(false);
      }
    } finally {
      lock.unlock();
    }
    if (refused != null) {
      listener.failed(refused);
    }
  }

  /** Counts an event just queued; wakes the committer when it has work to start or a full group. Holds the lock. */
  private void added(boolean blocking) {
    waiting++;
    if (waiting == 1) {
      firstPendingNanos = System.nanoTime();
    }
    if (waiting == 1 || waiting >= groupEvents || blocking) {
      work.signal();
    }
  }

  private void run() {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      List<Report> batchReports = new ArrayList<>();
      lock.lock();
      try {
        while (waiting == 0 && !closing) {
          work.awaitUninterruptibly();
        }
        if (waiting == 0) {
          return; // closing, nothing left
        }
        long left;
        while (!closing && !urgent && waiting < groupEvents
            && (left = firstPendingNanos + delayNanos - System.nanoTime()) > 0) {
          try {
            work.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        batch.addAll(pending);
        pending.clear();
        batchReports.addAll(reports);
        reports.clear();
        waiting = 0;
        urgent = false;
      } finally {
        lock.unlock();
      }
      commit(batch, batchReports);
    }
  }

  private void commit(List<Pending> batch, List<Report> batchReports) {
    JournalException failed = failure;
    if (failed == null) {
      try {
        syncer.sync();
      } catch (JournalException e) {
        failed = e;
      } catch (RuntimeException | Error e) {
        failed = new JournalException(name + ": fsync failed: " + e, e);
      }
    }
    if (failed != null) {
      failure = failed;
      for (Pending p : batch) {
        p.ack().completeExceptionally(failed);
      }
      for (Report r : batchReports) {
        r.listener.failed(failed);
      }
      return;
    }
    for (Pending p : batch) {
      p.ack().complete(p.envelope());
    }
    for (Report r : batchReports) {
      r.listener.durableThrough(r.seq);
    }
  }

  /** Commits what is waiting, then stops the thread. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      work.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
