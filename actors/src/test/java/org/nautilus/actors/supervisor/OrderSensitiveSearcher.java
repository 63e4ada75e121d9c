package org.nautilus.actors.supervisor;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Space;

/**
 * Proposes a cell that depends on its salt, the trial id it is asked for and how many outcomes it has
 * been told, so a replay that tells an outcome before a question the live searcher got first
 * proposes something else. Asks for trials from {@code slowFrom} on wait for {@code gate}, then think
 * {@code thinkMillis}.
 */
final class OrderSensitiveSearcher implements Searcher {
  private static final Nb201Space SPACE = new Nb201Space();

  private final long salt;
  private final long slowFrom;
  private final CountDownLatch gate;
  private final long thinkMillis;
  private final Set<Long> asked = new HashSet<>();
  /** The threads asks were made on, their pool's numbering cut off. */
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  boolean quick;
  private int told;

  OrderSensitiveSearcher(long salt, long slowFrom, CountDownLatch gate, long thinkMillis) {
    this.salt = salt;
    this.slowFrom = slowFrom;
    this.gate = gate;
    this.thinkMillis = thinkMillis;
  }

  /** Asks from trial {@code slowFrom} on wait for {@code gate} and think {@code thinkMillis}. */
  OrderSensitiveSearcher(long slowFrom, CountDownLatch gate, long thinkMillis) {
    this(0, slowFrom, gate, thinkMillis);
  }

  /** One that never waits. */
  static OrderSensitiveSearcher fast() {
    return new OrderSensitiveSearcher(Long.MAX_VALUE, new CountDownLatch(0), 0);
  }

  /** A quick one (called on the supervisor's thread) that never waits, salted with {@code salt}. */
  static OrderSensitiveSearcher quick(long salt) {
    OrderSensitiveSearcher searcher = new OrderSensitiveSearcher(salt, Long.MAX_VALUE, new CountDownLatch(0), 0);
    searcher.quick = true;
    return searcher;
  }

  /** One that thinks {@code thinkMillis} on every ask, salted with {@code salt}. */
  static OrderSensitiveSearcher slow(long salt, long thinkMillis) {
    return new OrderSensitiveSearcher(salt, 0, new CountDownLatch(0), thinkMillis);
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    threads.add(Thread.currentThread().getName().replaceAll("-\\d+$", ""));
    if (!asked.add(trial.value())) {
      throw new IllegalArgumentException("trial " + trial.value() + " was already asked for");
    }
    if (trial.value() >= slowFrom) {
      try {
        gate.await();
        Thread.sleep(thinkMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long h = (trial.value() * 0x9E3779B97F4A7C15L) ^ (told * 0xC2B2AE3D27D4EB4FL) ^ salt;
    h ^= h >>> 29;
    int[] decisions = new int[6];
    for (int i = 0; i < decisions.length; i++) {
      decisions[i] = (int) Long.remainderUnsigned(h >>> (5 * i), 5);
    }
    return Optional.of(new Proposal(trial, SPACE.fromDecisions(decisions)));
  }

  @Override
  public void tell(Outcome outcome) {
    if (!asked.contains(outcome.trial().value())) {
      throw new IllegalArgumentException("trial " + outcome.trial().value() + " was never asked for");
    }
    told++;
  }

  @Override
  public boolean isExhausted() {
    return false;
  }

  @Override
  public byte[] snapshot() {
    return ByteBuffer.allocate(4).putInt(told).array();
  }

  @Override
  public void restore(byte[] snapshot) {
    told = ByteBuffer.wrap(snapshot).getInt();
  }

  @Override
  public boolean isQuick() {
    return quick;
  }
}
