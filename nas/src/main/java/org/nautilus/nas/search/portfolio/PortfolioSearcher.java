package org.nautilus.nas.search.portfolio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.SearchSpace;

/**
 * Several searchers sharing one search (e.g. evolution, GP and REINFORCE on the same trainers). Each
 * {@code ask} goes to the member the policy prefers, or, if it must wait or is exhausted, to the next
 * in the policy's order; each outcome goes back to the member that proposed the trial. Proposals carry
 * their member's name, which the journal records.
 *
 * <p>Policies, both deterministic:
 * <ul>
 *   <li>{@link Policy#WEIGHTS}: smooth weighted round robin, so member i proposes a share
 *       {@code w_i / Σw} of the trials, interleaved evenly;
 *   <li>{@link Policy#BANDIT}: UCB1 over each member's rate of improving the portfolio's incumbent
 *       (reward 1 when its trial beat the best objective so far), so the member that currently finds
 *       better candidates gets more trials, while the others keep being tried.
 * </ul>
 * Members never see each other's trials; a candidate another member already proposed is not proposed
 * again: its member is told that trial failed, and asked again.
 */
public final class PortfolioSearcher implements Searcher {
  /** How the next proposing member is chosen. */
  public enum Policy { WEIGHTS, BANDIT }

  /** A member: its name (journaled with its proposals), its searcher and its weight. */
  public record Member(String name, Searcher searcher, double weight) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(searcher, "searcher");
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("portfolio member " + name + ": weight must be > 0, got " + weight);
      }
    }
  }

  private static final int VERSION = 1;

  private final List<Member> members;
  private final Policy policy;
  private final Direction direction;
  /** Smooth weighted round robin's running credit per member. */
  private final double[] credit;
  /** Proposals and improvements per member, for the bandit. */
  private final long[] pulls;
  private final long[] rewards;
  private double best = Double.NaN;
  /** Every candidate proposed so far (canonical strings): members never see each other's trials. */
  private final Set<String> proposed = new HashSet<>();
  private long lastAsked;
  /** Each trial not yet told: the member that proposed it and the id the member knows it by. */
  private final TreeMap<Long, long[]> pending = new TreeMap<>();
  private long lastInner;
  /** Bound on the members asked for one trial when they keep proposing what others did. */
  private static final int MAX_ATTEMPTS = 64;
  private final OptionalLong finiteSize;

  private PortfolioSearcher(SearchSpace<?> space, List<Member> members, Policy policy, Direction direction) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a portfolio needs at least one member");
    }
    Set<String> names = new HashSet<>();
    for (Member m : members) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("portfolio member " + m.name() + " is named twice");
      }
    }
    this.members = List.copyOf(members);
    this.finiteSize = space.finiteSize();
    this.policy = policy;
    this.direction = direction;
    this.credit = new double[members.size()];
    this.pulls = new long[members.size()];
    this.rewards = new long[members.size()];
  }

  /** A portfolio of {@code members} (in order, each searching {@code space}) under {@code policy}. */
  public static PortfolioSearcher of(SearchSpace<?> space, List<Member> members, Policy policy, Direction direction) {
    return new PortfolioSearcher(space, members, policy, direction);
  }

  /** The members, in order. */
  public List<Member> members() {
    return members;
  }

  /**
   * Fresh shares for a runtime that asks this portfolio's members itself (each on its own thread),
   * under this portfolio's policy, weights and direction.
   */
  public PortfolioShares shares() {
    return new PortfolioShares(policy, members.stream().mapToDouble(Member::weight).toArray(), direction);
  }

  /** The number of candidates in the space, if finite: once that many are proposed, it is used up. */
  public OptionalLong finiteSize() {
    return finiteSize;
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trial.value() <= lastAsked) {
      throw new IllegalArgumentException("trial " + trial.value() + " was already asked for");
    }
    lastAsked = trial.value();
    // Members are asked under ids of the portfolio's own, so that a member whose candidate another
    // member already proposed can be told that one went nowhere and be asked again: each refusal
    // teaches it, so fresh candidates come unless the space is used up (or the bound is hit).
    for (int attempt = 0; attempt < MAX_ATTEMPTS && !isExhausted(); attempt++) {
      boolean anyAsked = false;
      for (int i : preference()) {
        Member m = members.get(i);
        if (m.searcher().isExhausted()) {
          continue;
        }
        TrialId inner = TrialId.of(++lastInner);
        Optional<Proposal> proposal = m.searcher().ask(inner);
        if (proposal.isEmpty()) {
          continue;
        }
        anyAsked = true;
        if (!proposed.add(proposal.get().candidate().canonical())) {
          m.searcher().tell(new Outcome.Failed(inner, "already proposed by another member of the portfolio"));
          break; // the preference may change; start the round again
        }
        chosen(i);
        pending.put(trial.value(), new long[] {i, inner.value()});
        return Optional.of(new Proposal(trial, proposal.get().candidate(), Optional.of(m.name())));
      }
      if (!anyAsked) {
        break; // every member waits for outcomes
      }
    }
    return Optional.empty();
  }

  /** Member indexes, the policy's choice first, then the rest by the same ranking. */
  private List<Integer> preference() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      order.add(i);
    }
    if (policy == Policy.WEIGHTS) {
      double total = members.stream().mapToDouble(Member::weight).sum();
      double[] next = new double[credit.length];
      for (int i = 0; i < credit.length; i++) {
        next[i] = credit[i] + members.get(i).weight() / total;
      }
      order.sort((a, b) -> next[a] != next[b] ? Double.compare(next[b], next[a]) : Integer.compare(a, b));
    } else {
      long n = 0;
      for (long p : pulls) {
        n += p;
      }
      double[] score = new double[pulls.length];
      for (int i = 0; i < pulls.length; i++) {
        score[i] = PortfolioShares.ucb(rewards[i], pulls[i], pulls[i], n);
      }
      order.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    }
    return order;
  }

  private void chosen(int i) {
    pulls[i]++;
    if (policy == Policy.WEIGHTS) {
      double total = members.stream().mapToDouble(Member::weight).sum();
      for (int j = 0; j < credit.length; j++) {
        credit[j] += members.get(j).weight() / total;
      }
      credit[i] -= 1;
    }
  }

  @Override
  public void tell(Outcome outcome) {
    long[] proposer = pending.remove(outcome.trial().value());
    if (proposer == null) {
      throw new IllegalArgumentException("trial " + outcome.trial().value() + " was not proposed by this portfolio, "
          + "or was already told");
    }
    int i = (int) proposer[0];
    TrialId inner = TrialId.of(proposer[1]);
    double objective = outcome.reached();
    if (Double.isFinite(objective) && (Double.isNaN(best) || direction.better(objective, best))) {
      best = objective;
      rewards[i]++;
    }
    Outcome renamed = outcome.renamed(inner);
    members.get(i).searcher().tell(renamed);
  }

  @Override
  public boolean isExhausted() {
    return members.stream().allMatch(m -> m.searcher().isExhausted())
        || finiteSize.isPresent() && proposed.size() >= finiteSize.getAsLong();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(members.size());
      for (int i = 0; i < members.size(); i++) {
        out.writeUTF(members.get(i).name());
        out.writeDouble(credit[i]);
        out.writeLong(pulls[i]);
        out.writeLong(rewards[i]);
        byte[] member = members.get(i).searcher().snapshot();
        out.writeInt(member.length);
        out.write(member);
      }
      out.writeDouble(best);
      out.writeLong(lastAsked);
      out.writeLong(lastInner);
      out.writeInt(proposed.size());
      for (String c : new java.util.TreeSet<>(proposed)) {
        out.writeUTF(c);
      }
      out.writeInt(pending.size());
      for (Map.Entry<Long, long[]> e : pending.entrySet()) {
        out.writeLong(e.getKey());
        out.writeLong(e.getValue()[0]);
        out.writeLong(e.getValue()[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      if (in.readInt() != VERSION || in.readInt() != members.size()) {
        throw new IllegalArgumentException("snapshot is not of a portfolio of " + members.size() + " members");
      }
      for (int i = 0; i < members.size(); i++) {
        String name = in.readUTF();
        if (!name.equals(members.get(i).name())) {
          throw new IllegalArgumentException("snapshot member " + i + " is " + name + ", not " + members.get(i).name());
        }
        credit[i] = in.readDouble();
        pulls[i] = in.readLong();
        rewards[i] = in.readLong();
        byte[] member = new byte[in.readInt()];
        in.readFully(member);
        members.get(i).searcher().restore(member);
      }
      best = in.readDouble();
      lastAsked = in.readLong();
      lastInner = in.readLong();
      proposed.clear();
      for (int n = in.readInt(); n > 0; n--) {
        proposed.add(in.readUTF());
      }
      pending.clear();
      for (int n = in.readInt(); n > 0; n--) {
        pending.put(in.readLong(), new long[] {in.readLong(), in.readLong()});
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated portfolio snapshot", e);
    }
  }

  /** Quick when every member is. */
  @Override
  public boolean isQuick() {
    return members.stream().allMatch(m -> m.searcher().isQuick());
  }
}
