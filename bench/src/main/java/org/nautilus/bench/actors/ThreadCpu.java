package org.nautilus.bench.actors;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads (GC and compiler threads included) by thread-name group, read from
 * {@code /proc/self/task} on Linux: where a benchmark's CPU goes. Threads come and go, so they are
 * sampled every 500 ms and each thread's last reading counts.
 */
final class ThreadCpu implements AutoCloseable {
  private static final Path TASKS = Path.of("/proc/self/task");
  private final Map<String, long[]> lastByTid = new HashMap<>(); // tid -> {ticks}; names in names
  private final Map<String, String> names = new HashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;

  private ThreadCpu() {
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-cpu-sampler");
    sampler.setDaemon(true);
  }

  /** Starts sampling now; empty on a system without {@code /proc/self/task}. */
  static java.util.Optional<ThreadCpu> start() {
    if (!Files.isDirectory(TASKS)) {
      return java.util.Optional.empty();
    }
    ThreadCpu cpu = new ThreadCpu();
    cpu.sample();
    cpu.sampler.start();
    return java.util.Optional.of(cpu);
  }

  private synchronized void sample() {
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // Fields after the parenthesized name: state is field 3, utime 14, stime 15.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          String tid = task.getFileName().toString();
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          lastByTid.computeIfAbsent(tid, t -> new long[1])[0] = ticks;
          names.put(tid, name.replaceAll("[0-9]+", "N"));
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading: its last sample stands
        }
      }
    } catch (IOException e) {
      // unreadable now: the last samples stand
    }
  }

  /** CPU seconds by thread-name group since {@link #start}, largest first. */
  synchronized Map<String, Double> secondsByGroup() {
    sample();
    Map<String, Double> byGroup = new TreeMap<>();
    lastByTid.forEach((tid, ticks) -> byGroup.merge(names.get(tid), ticks[0] / 100.0, Double::sum)); // USER_HZ = 100
    return byGroup;
  }

  /** CPU microseconds per {@code units}, by group, with the total: one line. */
  String perUnit(Map<String, Double> before, long units, String unit) {
    Map<String, Double> now = secondsByGroup();
    Map<String, Double> spent = new HashMap<>();
    now.forEach((group, s) -> spent.put(group, s - before.getOrDefault(group, 0.0)));
    double total = spent.values().stream().mapToDouble(Double::doubleValue).sum();
    return String.format(Locale.ROOT, "CPU per %s %.1f us: ", unit, total * 1e6 / units) + spent.entrySet().stream()
        .filter(e -> e.getValue() * 1e6 / units >= 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() * 1e6 / units))
        .collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
