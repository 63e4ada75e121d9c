package org.nautilus.nas.search;

/** Identity of one trial within a search; assigned in dispatch order, starting at 1. */
public record TrialId(long value) implements Comparable<TrialId> {
  public TrialId {
    if (value < 1) {
      throw new IllegalArgumentException("trial ids start at 1, got " + value);
    }
  }

  public static TrialId of(long value) {
    return new TrialId(value);
  }

  @Override
  public int compareTo(TrialId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return "#" + value;
  }
}
