package org.nautilus.journal.codec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nautilus.journal.JournalException;

/**
 * The one-writer-per-journal lock: an operating-system lock on {@value #FILE} in the journal's
 * directory, which holds the owner's pid and host for the message a refused writer gets.
 *
 * <p>An OS lock ({@code fcntl}) rather than a lock file's mere existence, because the kernel releases
 * it when its process dies, even by SIGKILL, so a crash never leaves a stale lock to clean up by hand.
 * Readers never take it, so they never block or are blocked by the writer.
 */
final class WriterLock implements AutoCloseable {
  static final String FILE = "writer.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private WriterLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the journal in {@code dir}.
   *
   * @throws JournalException naming the process (pid, host) that holds it
   */
  static WriterLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new JournalException("journal " + dir + ": cannot open " + FILE + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException("journal " + dir + ": cannot lock " + FILE + ": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new JournalException("journal " + dir + " is being written by " + owner(file)
          + "; one writer per journal (readers need no lock)");
    }
    try {
      byte[] owner = ("pid " + ProcessHandle.current().pid() + " on " + host() + "\n").getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(owner), 0);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException("journal " + dir + ": cannot write " + FILE + ": " + e, e);
    }
    return new WriterLock(channel, lock);
  }

  /**
   * The live process that writes the journal in {@code dir}, as "pid 1234 on host", judged from the
   * lock file's content and whether that pid is alive here; never takes the lock, so it cannot get in
   * a starting writer's way. Empty if no writer is alive (a killed writer leaves its pid behind).
   */
  static java.util.Optional<String> liveOwner(Path dir) {
    String content;
    try {
      content = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    String[] parts = content.split(" ", 4); // "pid", N, "on", host
    if (parts.length < 4 || !parts[0].equals("pid") || !parts[3].equals(host())) {
      return java.util.Optional.empty();
    }
    try {
      long pid = Long.parseLong(parts[1]);
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> content);
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** Who holds the lock, as its file says: "process 1234 on host" (or "this process (pid 1234)"). */
  private static String owner(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      content = "";
    }
    if (!content.startsWith("pid ")) {
      return "another process (" + file + " names none)";
    }
    String pid = content.substring(4).split(" ", 2)[0];
    if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
      return "this process (pid " + pid + ")";
    }
    return "process " + content.substring(4);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "an unknown host";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the lock attempt's error is the one worth reporting
    }
  }

  /** Releases the lock; the file stays, naming its last owner. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases it too
    } finally {
      closeQuietly(channel);
    }
  }
}
