package org.nautilus.journal;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * When an appended event is on stable storage, and so when its append is acknowledged.
 *
 * <ul>
 *   <li>{@link Mode#SYNC}: each event is fsync'ed before its append returns.
 *   <li>{@link Mode#GROUP} (the default): events are fsync'ed together, once {@code groupEvents} are
 *       waiting or the oldest has waited {@code groupDelay}; each append is acknowledged after the fsync
 *       that covers it. One fsync then pays for many events.
 *   <li>{@link Mode#OS}: never fsync'ed; acknowledged once in the operating system's page cache, so an
 *       event survives the process being killed but not a power cut. For benchmarks and throw-away runs.
 * </ul>
 */
public record Durability(Mode mode, int groupEvents, Duration groupDelay) {
  /** How appends reach the disk. */
  public enum Mode {
    SYNC,
    GROUP,
    OS
  }

  /** Group commit's defaults: an fsync per 1,024 events or 2 ms, whichever comes first. */
  public static final int DEFAULT_GROUP_EVENTS = 1_024;
  public static final Duration DEFAULT_GROUP_DELAY = Duration.ofMillis(2);

  public Durability {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(groupDelay, "groupDelay");
    if (groupEvents < 1) {
      throw new IllegalArgumentException("groupEvents must be at least 1, got " + groupEvents);
    }
    if (groupDelay.isNegative()) {
      throw new IllegalArgumentException("groupDelay must not be negative, got " + groupDelay);
    }
  }

  /** fsync every event. */
  public static Durability sync() {
    return new Durability(Mode.SYNC, 1, Duration.ZERO);
  }

  /** fsync every {@code events} events or {@code delay} after the oldest unsynced one. */
  public static Durability group(int events, Duration delay) {
    return new Durability(Mode.GROUP, events, delay);
  }

  /** Group commit with the default {@link #DEFAULT_GROUP_EVENTS} and {@link #DEFAULT_GROUP_DELAY}. */
  public static Durability group() {
    return group(DEFAULT_GROUP_EVENTS, DEFAULT_GROUP_DELAY);
  }

  /** Page cache only; see the class comment. */
  public static Durability os() {
    return new Durability(Mode.OS, 1, Duration.ZERO);
  }

  /**
   * {@code sync}, {@code group} or {@code os} (any case), with default settings.
   *
   * @throws IllegalArgumentException naming the value and the expected ones
   */
  public static Durability parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sync" -> sync();
      case "group" -> group();
      case "os" -> os();
      default -> throw new IllegalArgumentException(
          "durability '" + name + "' is not one of sync, group, os");
    };
  }

  @Override
  public String toString() {
    return switch (mode) {
      case SYNC -> "sync";
      case OS -> "os";
      case GROUP -> "group(" + groupEvents + " events or " + groupDelay.toMillis() + " ms)";
    };
  }
}
