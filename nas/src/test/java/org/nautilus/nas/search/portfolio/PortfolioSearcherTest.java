package org.nautilus.nas.search.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.SearcherContract;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

class PortfolioSearcherTest extends SearcherContract {
  @Override
  protected Searcher newSearcher(SearchSpace<?> space, long seed) {
    return PortfolioSearcher.of(space, List.of(
        new PortfolioSearcher.Member("random", RandomSearcher.of(space, seed), 1),
        new PortfolioSearcher.Member("evolution", RegularizedEvolutionSearcher.of(space, Direction.MAXIMIZE, seed + 1), 2)),
        PortfolioSearcher.Policy.BANDIT, Direction.MAXIMIZE);
  }

  private static Map<String, Integer> shares(PortfolioSearcher portfolio, int trials,
      java.util.function.ToDoubleFunction<String> objectiveOfMember) {
    Map<String, Integer> count = new HashMap<>();
    for (long t = 1; t <= trials; t++) {
      Proposal p = portfolio.ask(TrialId.of(t)).orElseThrow();
      String member = p.origin().orElseThrow();
      count.merge(member, 1, Integer::sum);
      portfolio.tell(new Outcome.Completed(p.trial(), objectiveOfMember.applyAsDouble(member) * t, Map.of()));
    }
    return count;
  }

  /** Proposes the NB201 cells with index = residue (mod 2), in order: two of them never collide. */
  private static Searcher cells(int residue) {
    return new Searcher() {
      private int next = residue;

      @Override
      public java.util.Optional<Proposal> ask(TrialId trial) {
        Proposal p = new Proposal(trial, Nb201Cell.ofIndex(next));
        next += 2;
        return java.util.Optional.of(p);
      }

      @Override
      public void tell(Outcome outcome) {}

      @Override
      public boolean isExhausted() {
        return false;
      }

      @Override
      public byte[] snapshot() {
        return new byte[0];
      }

      @Override
      public void restore(byte[] snapshot) {}
    };
  }

  @Test
  void weightsShareTheTrialsInProportionInterleaved() {
    PortfolioSearcher portfolio = PortfolioSearcher.of(new Nb201Space(), List.of(
        new PortfolioSearcher.Member("a", cells(0), 3),
        new PortfolioSearcher.Member("b", cells(1), 1)), PortfolioSearcher.Policy.WEIGHTS,
        Direction.MAXIMIZE);
    List<String> order = new ArrayList<>();
    for (long t = 1; t <= 400; t++) {
      order.add(portfolio.ask(TrialId.of(t)).orElseThrow().origin().orElseThrow());
    }
    assertEquals(300, order.stream().filter("a"::equals).count());
    // Interleaved: every window of four trials holds exactly one of b's.
    for (int i = 0; i + 4 <= order.size(); i += 4) {
      assertEquals(1, order.subList(i, i + 4).stream().filter("b"::equals).count(), order.subList(i, i + 4).toString());
    }
  }

  @Test
  void theBanditGivesMostTrialsToTheMemberThatKeepsImproving() {
    Nb201Space space = new Nb201Space();
    PortfolioSearcher portfolio = PortfolioSearcher.of(new Nb201Space(), List.of(
        new PortfolioSearcher.Member("stuck", RandomSearcher.of(space, 1), 1),
        new PortfolioSearcher.Member("improving", RandomSearcher.of(space, 2), 1)), PortfolioSearcher.Policy.BANDIT,
        Direction.MAXIMIZE);
    // "improving"'s objectives grow with the trial id and beat everything; "stuck"'s never do.
    Map<String, Integer> count = shares(portfolio, 500, member -> member.equals("improving") ? 1 : 0);
    assertTrue(count.get("improving") > 400, count.toString());
    assertTrue(count.get("stuck") >= 5, "UCB keeps trying the other member: " + count);
  }

  @Test
  void aCandidateAnotherMemberProposedIsNotProposedTwice() {
    // Two random members with the same seed propose the same sequence: the portfolio skips repeats.
    Nb201Space space = new Nb201Space();
    PortfolioSearcher portfolio = PortfolioSearcher.of(new Nb201Space(), List.of(
        new PortfolioSearcher.Member("x", RandomSearcher.of(space, 7), 1),
        new PortfolioSearcher.Member("y", RandomSearcher.of(space, 7), 1)), PortfolioSearcher.Policy.WEIGHTS,
        Direction.MAXIMIZE);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long t = 1; t <= 200; t++) {
      assertTrue(seen.add(portfolio.ask(TrialId.of(t)).orElseThrow().candidate().canonical()));
    }
  }
}
