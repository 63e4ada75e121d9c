package org.nautilus.actors.supervisor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
import org.nautilus.nas.search.portfolio.PortfolioShares;

/**
 * The course of an asynchronous portfolio, folded from its journaled proposals, refusals and outcomes
 * in journal order, so that the live supervisor and a replay agree by construction: which member
 * proposed each running trial and under which of its own ids, every candidate proposed so far (no
 * member's candidate is trained twice), each member's next id, and the shares of the next trials.
 *
 * <p>Each member numbers its proposals from 1; an id is used up by a proposal that was journaled
 * (as a trial, or refused), never by an empty answer, so a member waiting for outcomes is asked again
 * under the same id, as {@link Searcher#ask} allows.
 */
final class PortfolioBook {
  /** An outcome for member {@code member}, under the member's own id for the trial. */
  record Routed(int member, Outcome outcome) {}

  private final PortfolioSearcher portfolio;
  private final PortfolioShares shares;
  private final long[] nextInner;
  private final long[] told;
  /** The running trials: global trial id to {member, the member's id}. */
  private final Map<Long, long[]> owners = new HashMap<>();
  private final Set<String> proposed = new HashSet<>();

  PortfolioBook(PortfolioSearcher portfolio) {
    this.portfolio = portfolio;
    this.shares = portfolio.shares();
    this.nextInner = new long[portfolio.members().size()];
    java.util.Arrays.fill(nextInner, 1);
    this.told = new long[nextInner.length];
  }

  int size() {
    return nextInner.length;
  }

  String name(int member) {
    return portfolio.members().get(member).name();
  }

  Searcher searcher(int member) {
    return portfolio.members().get(member).searcher();
  }

  List<PortfolioSearcher.Member> members() {
    return portfolio.members();
  }

  /** The index of the member named {@code name}, if the portfolio has one. */
  OptionalInt member(String name) {
    for (int i = 0; i < size(); i++) {
      if (name(i).equals(name)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** The member that proposed running trial {@code trial}, if a member did. */
  Optional<Integer> ownerOf(TrialId trial) {
    long[] owner = owners.get(trial.value());
    return owner == null ? Optional.empty() : Optional.of((int) owner[0]);
  }

  /** The id under which {@code member} is asked for its next proposal. */
  TrialId nextInner(int member) {
    return TrialId.of(nextInner[member]);
  }

  /** Outcomes {@code member} has been told. */
  long told(int member) {
    return told[member];
  }

  boolean isProposed(String canonical) {
    return proposed.contains(canonical);
  }

  /** True once every candidate of a finite space has been proposed. */
  boolean usedUp() {
    return portfolio.finiteSize().isPresent() && proposed.size() >= portfolio.finiteSize().getAsLong();
  }

  PortfolioShares shares() {
    return shares;
  }

  /** {@code member}'s next proposal, {@code canonical}, was journaled as {@code trial}. */
  void accepted(TrialId trial, int member, String canonical) {
    owners.put(trial.value(), new long[] {member, nextInner[member]++});
    proposed.add(canonical);
    shares.proposed(member);
  }

  /** {@code member}'s next proposal was journaled as refused (another member had proposed it). */
  void refused(int member) {
    nextInner[member]++;
  }

  /**
   * The member a journaled outcome goes to, under that member's id, crediting the member if the
   * trial improved on the best; empty if no running trial of a member has that id.
   */
  Optional<Routed> route(Outcome outcome) {
    long[] owner = owners.remove(outcome.trial().value());
    if (owner == null) {
      return Optional.empty();
    }
    int member = (int) owner[0];
    shares.ended(member, outcome.reached());
    told[member]++;
    return Optional.of(new Routed(member, outcome.renamed(TrialId.of(owner[1]))));
  }
}
