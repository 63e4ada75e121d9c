package org.nautilus.nas.search.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SearcherContract;
import org.nautilus.nas.search.SmallSpace;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

class RandomSearcherTest extends SearcherContract {
  @Override
  protected Searcher newSearcher(SearchSpace<?> space, long seed) {
    return RandomSearcher.of(space, seed);
  }

  @Test
  void proposesEveryCandidateOfAFiniteSpaceOnceThenIsExhausted() {
    RandomSearcher searcher = RandomSearcher.of(SmallSpace.of(12), 11);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 12; t++) {
      assertFalse(searcher.isExhausted());
      seen.add(searcher.ask(TrialId.of(t)).orElseThrow().candidate().canonical());
    }
    assertEquals(12, seen.size());
    assertTrue(searcher.isExhausted());
    assertTrue(searcher.ask(TrialId.of(13)).isEmpty());
  }

  @Test
  void withRepeatsMayProposeACandidateAgain() {
    RandomSearcher searcher = RandomSearcher.withRepeats(SmallSpace.of(3), 11);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 20; t++) {
      seen.add(searcher.ask(TrialId.of(t)).orElseThrow().candidate().canonical());
    }
    assertEquals(3, seen.size());
    assertFalse(searcher.isExhausted());
  }

  @Test
  void restoreRefusesASnapshotOfAnotherSpace() {
    RandomSearcher small = RandomSearcher.of(SmallSpace.of(5), 1);
    RandomSearcher nb201 = RandomSearcher.of(new Nb201Space(), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nb201.restore(small.snapshot()));
    assertEquals("snapshot is for space 'small-5', this searcher searches 'nb201'", e.getMessage());
  }

  private static void tell(RandomSearcher searcher, long trial) {
    searcher.tell(new org.nautilus.nas.search.Outcome.Failed(TrialId.of(trial), "done"));
  }

  @Test
  void aSnapshotHoldsOnlyTheRunningTrialsAndStaysSmallInALongSearch() {
    RandomSearcher searcher = RandomSearcher.withRepeats(new Nb201Space(), 3);
    for (long t = 1; t <= 10_000; t++) {
      searcher.ask(TrialId.of(t)).orElseThrow();
      if (t > 2) {
        tell(searcher, t - 2); // two trials always running
      }
    }
    byte[] snapshot = searcher.snapshot();
    // Two bit sets of 10,000 bits (1,250 bytes each) and two running cells; every trial's cell was
    // ~700,000 bytes.
    assertTrue(snapshot.length < 3_000, "snapshot of " + snapshot.length + " bytes");
    RandomSearcher restored = RandomSearcher.withRepeats(new Nb201Space(), 3);
    restored.restore(snapshot);
    assertEquals(2, restored.pending());
    assertEquals(searcher.ask(TrialId.of(10_001)), restored.ask(TrialId.of(10_001)));
    assertThrows(IllegalArgumentException.class, () -> tell(restored, 5), "told before the snapshot");
    assertThrows(IllegalArgumentException.class, () -> restored.ask(TrialId.of(17)), "asked before the snapshot");
    tell(restored, 9_999); // running at the snapshot
    assertThrows(IllegalArgumentException.class, () -> tell(restored, 20_000), "never asked");
  }

  /** A snapshot of format 1 (every trial with its cell and whether it was told) still restores. */
  @Test
  void aVersionOneSnapshotRestoresToTheSameCourse() throws Exception {
    RandomSearcher searcher = RandomSearcher.of(SmallSpace.of(12), 5);
    java.util.List<String> cells = new java.util.ArrayList<>();
    for (long t = 1; t <= 5; t++) {
      cells.add(searcher.ask(TrialId.of(t)).orElseThrow().candidate().canonical());
    }
    tell(searcher, 2);
    tell(searcher, 4);
    // Same prefix as version 2 (header, deduplication, random state), then every trial.
    java.io.DataInputStream v2 = new java.io.DataInputStream(new java.io.ByteArrayInputStream(searcher.snapshot()));
    assertEquals(2, v2.readInt());
    String space = v2.readUTF();
    boolean deduplicate = v2.readBoolean();
    long seed = v2.readLong();
    long counter = v2.readLong();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeUTF(space);
      out.writeBoolean(deduplicate);
      out.writeLong(seed);
      out.writeLong(counter);
      out.writeInt(5);
      for (int t = 1; t <= 5; t++) {
        out.writeLong(t);
        out.writeUTF(cells.get(t - 1));
        out.writeBoolean(t == 2 || t == 4);
      }
    }
    RandomSearcher restored = RandomSearcher.of(SmallSpace.of(12), 5);
    restored.restore(bytes.toByteArray());
    assertEquals(3, restored.pending());
    assertTrue(java.util.Arrays.equals(searcher.snapshot(), restored.snapshot()), "same state as the searcher");
    for (long t = 6; t <= 12; t++) {
      assertEquals(searcher.ask(TrialId.of(t)), restored.ask(TrialId.of(t)), "trial " + t);
    }
    assertTrue(restored.isExhausted(), "the five cells of the old snapshot count as proposed");
  }
}
