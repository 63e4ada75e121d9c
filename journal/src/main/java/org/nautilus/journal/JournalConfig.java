package org.nautilus.journal;

import java.util.Objects;

/**
 * How a journal is written.
 *
 * @param durability when appends are acknowledged ({@link Durability#group()} by default)
 * @param minFreeBytes appends are refused, with a {@link JournalException}, while the journal's file
 *     system has less free space than this: a memory-mapped write to a full disk would kill the JVM
 *     (SIGBUS) instead of failing cleanly
 */
public record JournalConfig(Durability durability, long minFreeBytes) {
  /** 64 MiB: a little under one Chronicle block (the unit in which it maps and grows a file). */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L << 20;

  public JournalConfig {
    Objects.requireNonNull(durability, "durability");
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must not be negative, got " + minFreeBytes);
    }
  }

  /** Group commit and the default free-space floor. */
  public static JournalConfig defaults() {
    return new JournalConfig(Durability.group(), DEFAULT_MIN_FREE_BYTES);
  }

  /** These settings with another durability. */
  public JournalConfig with(Durability other) {
    return new JournalConfig(other, minFreeBytes);
  }
}
