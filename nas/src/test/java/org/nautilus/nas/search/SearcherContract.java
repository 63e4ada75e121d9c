package org.nautilus.nas.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

/**
 * The contract every {@link Searcher} keeps; each implementation's test extends this class. Shipped in
 * the nas test-jar so searchers in other modules can be held to it too.
 */
public abstract class SearcherContract {
  /** A new searcher over {@code space} with {@code seed}. */
  protected abstract Searcher newSearcher(SearchSpace<?> space, long seed);

  /** A deterministic, made-up objective so that model-based searchers have something to learn. */
  protected static double objectiveOf(String canonical) {
    return (canonical.hashCode() & 0xffff) / 65536.0;
  }

  /** Asks {@code n} times from {@code firstTrial}, telling every other proposal back completed. */
  private static List<String> drive(Searcher searcher, long firstTrial, int n) {
    List<String> proposals = new ArrayList<>();
    for (long t = firstTrial; t < firstTrial + n; t++) {
      Optional<Proposal> p = searcher.ask(TrialId.of(t));
      if (p.isEmpty()) {
        proposals.add("<wait>");
        continue;
      }
      String canonical = p.get().candidate().canonical();
      proposals.add(canonical);
      if (t % 2 == 0) {
        searcher.tell(new Outcome.Completed(TrialId.of(t), objectiveOf(canonical), Map.of()));
      }
    }
    return proposals;
  }

  @Test
  void sameSeedAndSameCallsGiveIdenticalProposalsAndSnapshots() {
    Searcher a = newSearcher(new Nb201Space(), 42);
    Searcher b = newSearcher(new Nb201Space(), 42);
    assertEquals(drive(a, 1, 40), drive(b, 1, 40));
    assertArrayEquals(a.snapshot(), b.snapshot());
  }

  @Test
  void differentSeedsGiveDifferentProposals() {
    assertFalse(drive(newSearcher(new Nb201Space(), 1), 1, 20)
        .equals(drive(newSearcher(new Nb201Space(), 2), 1, 20)));
  }

  @Test
  void restoredSearcherContinuesIdentically() {
    Searcher original = newSearcher(new Nb201Space(), 7);
    drive(original, 1, 25);
    Searcher restored = newSearcher(new Nb201Space(), 999);
    restored.restore(original.snapshot());
    assertArrayEquals(original.snapshot(), restored.snapshot());
    assertEquals(drive(original, 26, 25), drive(restored, 26, 25));
  }

  @Test
  void neverProposesAPendingCandidate() {
    Searcher searcher = newSearcher(SmallSpace.of(30), 3);
    Set<String> pending = new HashSet<>();
    for (long t = 1; t <= 30; t++) {
      Optional<Proposal> p = searcher.ask(TrialId.of(t));
      if (p.isPresent()) {
        assertTrue(pending.add(p.get().candidate().canonical()), "pending candidate proposed again at " + t);
      }
    }
  }

  @Test
  void rejectsUnknownTrialsAndTrialsToldTwice() {
    Searcher searcher = newSearcher(new Nb201Space(), 5);
    assertThrows(IllegalArgumentException.class,
        () -> searcher.tell(new Outcome.Failed(TrialId.of(12), "never proposed")));
    Proposal p = searcher.ask(TrialId.of(1)).orElseThrow();
    searcher.tell(new Outcome.Failed(p.trial(), "out of memory"));
    assertThrows(IllegalArgumentException.class, () -> searcher.tell(new Outcome.Failed(p.trial(), "again")));
    assertThrows(IllegalArgumentException.class, () -> searcher.ask(TrialId.of(1)));
  }

  @Test
  void manyPendingNeverDuplicatesAPendingOrFinishedCandidate() {
    Searcher searcher = newSearcher(new Nb201Space(), 13);
    SearchRandom order = SearchRandom.of(99);
    List<Proposal> pending = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long trial = 1;
    for (int step = 0; step < 400; step++) {
      while (pending.size() < 40) {
        Proposal p = searcher.ask(TrialId.of(trial++)).orElseThrow();
        assertTrue(seen.add(p.candidate().canonical()), "candidate proposed twice at " + p.trial());
        pending.add(p);
      }
      Proposal done = pending.remove(order.nextInt(pending.size())); // results arrive out of order
      String canonical = done.candidate().canonical();
      searcher.tell(new Outcome.Completed(done.trial(), objectiveOf(canonical), Map.of()));
    }
    assertEquals(439, seen.size());
  }

  @Test
  void prunedAndFailedOutcomesAreAcceptedAndSearchGoesOn() {
    Searcher searcher = newSearcher(new Nb201Space(), 17);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 90; t++) {
      Proposal p = searcher.ask(TrialId.of(t)).orElseThrow();
      assertTrue(seen.add(p.candidate().canonical()), "candidate proposed twice at " + t);
      double objective = objectiveOf(p.candidate().canonical());
      Outcome outcome = switch ((int) (t % 3)) {
        case 0 -> new Outcome.Completed(p.trial(), objective, Map.of("loss", 1 - objective));
        case 1 -> new Outcome.Pruned(p.trial(), 1, objective / 2);
        default -> new Outcome.Failed(p.trial(), "diverged");
      };
      searcher.tell(outcome);
    }
    assertFalse(searcher.isExhausted());
  }

  @Test
  void proposesEachCandidateOfAFiniteSpaceOnceThenIsExhausted() {
    Searcher searcher = newSearcher(SmallSpace.of(12), 23);
    Set<String> seen = new HashSet<>();
    for (long t = 1; t <= 12; t++) {
      assertFalse(searcher.isExhausted());
      Proposal p = searcher.ask(TrialId.of(t)).orElseThrow();
      assertTrue(seen.add(p.candidate().canonical()), "candidate proposed twice at " + t);
      searcher.tell(new Outcome.Completed(p.trial(), objectiveOf(p.candidate().canonical()), Map.of()));
    }
    assertTrue(searcher.isExhausted());
    assertTrue(searcher.ask(TrialId.of(13)).isEmpty());
  }
}
