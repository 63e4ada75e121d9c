package org.nautilus.engine.train.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;

/**
 * One trial's process. Driven by one thread; {@link #close()} may also be called from another thread
 * (a stop request) while {@link #nextEpoch()} waits, which then fails with "stopped".
 */
final class ProcessTrainingRun implements TrainingRun {
  /** How long to wait for killed processes to go, and for a finished one to exit after its result. */
  private static final long KILL_WAIT_MILLIS = 5_000;

  private final TrainRequest request;
  private final Process process;
  private final Path stderrLog;
  private final long deadlineNanos;
  private final Duration timeLimit;
  private final StdoutPump stdout;
  private Map<String, Double> lastEpochMetrics = Map.of();
  private int epoch;
  private Map<String, Double> result;
  private volatile boolean closed;

  ProcessTrainingRun(TrainRequest request, Process process, Path stderrLog, long deadlineNanos, Duration timeLimit) {
    this.request = request;
    this.process = process;
    this.stderrLog = stderrLog;
    this.deadlineNanos = deadlineNanos;
    this.timeLimit = timeLimit;
    this.stdout = new StdoutPump(process.getInputStream(), "nautilus-trial-" + request.trial().value() + "-stdout");
  }

  /** The process's id, e.g. to check in tests that it is gone. */
  long pid() {
    return process.pid();
  }

  @Override
  public EpochReport nextEpoch() throws TrainingException {
    if (isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " already ran its " + request.epochs() + " epochs");
    }
    Reply reply = next("epoch " + (epoch + 1));
    if (reply instanceof Reply.Epoch e) {
      if (e.epoch() != epoch + 1) {
        throw fail("reported epoch " + e.epoch() + " when epoch " + (epoch + 1) + " was due", false);
      }
      checkFinite(e.metrics(), "epoch " + e.epoch());
      epoch = e.epoch();
      lastEpochMetrics = e.metrics();
      return new EpochReport(epoch, e.metrics());
    }
    throw fail("sent a result after " + epoch + " of " + request.epochs() + " epochs", false);
  }

  @Override
  public boolean isFinished() {
    return epoch >= request.epochs();
  }

  @Override
  public Map<String, Double> result() throws TrainingException {
    if (!isFinished()) {
      throw new IllegalStateException("trial " + request.trial() + " has run " + epoch + " of "
          + request.epochs() + " epochs");
    }
    if (result != null) {
      return result;
    }
    Reply reply = next("the result");
    if (!(reply instanceof Reply.Result r)) {
      throw fail("reported epoch " + ((Reply.Epoch) reply).epoch() + " after its last epoch " + request.epochs(),
          false);
    }
    checkFinite(r.metrics(), "the result");
    int status = awaitExit();
    if (status != 0) {
      throw fail("exited with status " + status + " after its result" + lastStderrLine(), true);
    }
    Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
    lastEpochMetrics.forEach(metrics::putIfAbsent);
    result = Map.copyOf(metrics);
    return result;
  }

  /**
   * Kills the process tree without waiting for it to go (the caller may be an actor that must not
   * block), so that a {@link #nextEpoch()} waiting for it fails at once with "stopped"; that failure
   * then waits for the processes, on the run's own thread.
   */
  @Override
  public void requestStop() {
    closed = true;
    ProcessTree.kill(process.toHandle(), 0);
  }

  /** Kills the process tree if it still runs; safe to call from another thread and more than once. */
  @Override
  public void close() {
    closed = true;
    ProcessTree.kill(process.toHandle(), KILL_WAIT_MILLIS);
  }

  /** The next reply, skipping blank lines; failures end the process tree. */
  private Reply next(String awaited) throws TrainingException {
    while (true) {
      StdoutPump.Item item;
      try {
        item = stdout.poll(deadlineNanos - System.nanoTime());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail("interrupted while waiting for " + awaited, true);
      }
      if (closed) {
        throw fail("stopped", false);
      }
      if (item == null) {
        throw fail("exceeded its time limit of " + seconds(timeLimit) + " while waiting for " + awaited, false);
      }
      if (item instanceof StdoutPump.Item.Line line) {
        if (line.text().isBlank()) {
          continue;
        }
        Reply reply;
        try {
          reply = Protocol.decode(line.text());
        } catch (Protocol.ProtocolException e) {
          throw fail("wrote a malformed line (" + e.getMessage() + ")", false);
        }
        if (reply instanceof Reply.Error error) {
          throw fail("reported an error: " + error.message(), error.retryable());
        }
        return reply;
      }
      if (item instanceof StdoutPump.Item.TooLong tooLong) {
        throw fail("wrote a line longer than " + StdoutPump.MAX_LINE + " characters: " + Protocol.quote(tooLong.start()),
            false);
      }
      if (item instanceof StdoutPump.Item.Failed failed) {
        throw fail("standard output could not be read: " + failed.error().getMessage(), true);
      }
      // End: the process closed its output, which almost always means it exited.
      int status = awaitExit();
      throw fail("ended (" + (status == Integer.MIN_VALUE ? "still running" : "exit status " + status)
          + ") before " + awaited + lastStderrLine(), true);
    }
  }

  /** The exit status, waiting until the deadline (at most {@link #KILL_WAIT_MILLIS}); MIN_VALUE if it runs on. */
  private int awaitExit() throws TrainingException {
    long wait = Math.min(TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()), KILL_WAIT_MILLIS);
    try {
      if (process.waitFor(Math.max(0, wait), TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
      return Integer.MIN_VALUE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted while waiting for the process to exit", true);
    }
  }

  private void checkFinite(Map<String, Double> metrics, String where) throws TrainingException {
    for (Map.Entry<String, Double> m : metrics.entrySet()) {
      if (!Double.isFinite(m.getValue())) {
        throw fail("diverged: " + m.getKey() + " is " + m.getValue() + " in " + where, false);
      }
    }
  }

  /** Ends the process tree and builds the exception that fails the trial. */
  private TrainingException fail(String what, boolean retryable) {
    close();
    try {
      stdout.join(KILL_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new TrainingException("trial " + request.trial().value() + ": the training process " + what, retryable);
  }

  /** ", last standard-error line: '...'" from the log, or "" if it has none. */
  private String lastStderrLine() {
    try (SeekableByteChannel channel = Files.newByteChannel(stderrLog)) {
      // only the tail: a chatty script's log can be large
      long size = channel.size();
      ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 8192));
      channel.position(size - tail.capacity());
      while (tail.hasRemaining() && channel.read(tail) >= 0) {
        // fill
      }
      List<String> lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines().toList();
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return "; last line of " + stderrLog.getFileName() + ": " + Protocol.quote(lines.get(i).strip());
        }
      }
    } catch (IOException e) {
      // no log to quote
    }
    return "";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }
}
