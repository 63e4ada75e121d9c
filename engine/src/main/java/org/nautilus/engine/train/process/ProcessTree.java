package org.nautilus.engine.train.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kills a process and every process descended from it. */
final class ProcessTree {
  /** Rounds of "find descendants, kill them": a child forked while the first round ran is caught by the next. */
  private static final int ROUNDS = 3;

  private ProcessTree() {}

  /**
   * SIGKILLs {@code root} and its descendants and waits up to {@code waitMillis} for each to exit.
   * Descendants are listed before anything is killed, since a killed parent's children are
   * re-parented and no longer show up as its descendants.
   */
  static void kill(ProcessHandle root, long waitMillis) {
    Set<ProcessHandle> killed = new LinkedHashSet<>();
    for (int round = 0; round < ROUNDS; round++) {
      List<ProcessHandle> found = new ArrayList<>();
      if (!killed.contains(root)) {
        found.add(root);
      }
      for (ProcessHandle known : List.copyOf(killed)) {
        known.descendants().forEach(found::add);
      }
      root.descendants().forEach(found::add);
      found.removeIf(killed::contains);
      if (found.isEmpty()) {
        break;
      }
      for (ProcessHandle p : found) {
        p.destroyForcibly();
        killed.add(p);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    for (ProcessHandle p : killed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // nothing more can be done than SIGKILL; a process stuck in the kernel exits when it can
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
