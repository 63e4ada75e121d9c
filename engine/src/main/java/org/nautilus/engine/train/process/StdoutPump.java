package org.nautilus.engine.train.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's standard output on its own daemon thread and queues it line by line, so that
 * the trainer's thread can wait for the next line with a deadline (a blocking read cannot time out).
 */
final class StdoutPump {
  /** Longest accepted line; a longer one is garbage, not a reply, and is cut here. */
  static final int MAX_LINE = 1 << 16;

  /** What the pump saw next. */
  sealed interface Item {
    /** One line, without its terminator. */
    record Line(String text) implements Item {}

    /** A line longer than {@link #MAX_LINE}; {@code start} is its beginning. */
    record TooLong(String start) implements Item {}

    /** The end of the stream (the process closed it or exited). */
    record End() implements Item {}

    /** Reading failed. */
    record Failed(IOException error) implements Item {}
  }

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Thread thread;

  StdoutPump(InputStream stdout, String name) {
    Reader reader = new InputStreamReader(stdout, StandardCharsets.UTF_8);
    thread = new Thread(() -> pump(reader), name);
    thread.setDaemon(true);
    thread.start();
  }

  /** The next item, or null if none came within {@code nanos}. */
  Item poll(long nanos) throws InterruptedException {
    return queue.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** Waits up to {@code millis} for the thread to end (it ends once the stream is closed). */
  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void pump(Reader reader) {
    char[] buffer = new char[8192];
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    try (reader) {
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          char c = buffer[i];
          if (c == '\n') {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') {
              line.setLength(end - 1);
            }
            queue.add(tooLong ? new Item.TooLong(line.toString()) : new Item.Line(line.toString()));
            line.setLength(0);
            tooLong = false;
          } else if (line.length() < MAX_LINE) {
            line.append(c);
          } else {
            tooLong = true;
          }
        }
      }
      if (line.length() > 0) {
        queue.add(tooLong ? new Item.TooLong(line.toString()) : new Item.Line(line.toString()));
      }
      queue.add(new Item.End());
    } catch (IOException e) {
      queue.add(new Item.Failed(e));
    }
  }
}
