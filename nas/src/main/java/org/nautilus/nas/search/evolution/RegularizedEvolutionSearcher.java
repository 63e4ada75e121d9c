package org.nautilus.nas.search.evolution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.FreshCandidates;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.SnapshotHeader;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;

/**
 * Regularized (aging) evolution (Real et al., AAAI 2019), steady-state and asynchronous.
 *
 * <ul>
 *   <li>Until P results have arrived, {@code ask} proposes random candidates, however many are pending.
 *   <li>Then each {@code ask} draws S members of the population without replacement, takes the best (the
 *       first drawn among equals) as parent, and proposes a single mutation of it ({@link
 *       SearchSpace#mutate}). A child that is pending or was proposed before is mutated again from the
 *       parent, up to {@link EvolutionConfig#mutationRetries()} times; then a fresh random candidate is
 *       proposed instead. No candidate is ever proposed twice; the searcher is exhausted when a finite
 *       space has been proposed entirely.
 *   <li>A result joins the population in the order results arrive (not the order proposed), and the
 *       oldest member beyond P leaves it: aging, not the worst, is what removes members.
 *   <li>{@code Completed} joins with its objective; {@code Pruned} joins with the objective it had when
 *       stopped (unless {@link EvolutionConfig#prunedJoinPopulation()} is false), so under an aggressive
 *       multi-fidelity scheduler the population still fills and a stopped trial competes with the
 *       weaker, partial value that got it stopped; {@code Failed}, and any outcome whose objective is not
 *       finite, never joins.
 * </ul>
 */
public final class RegularizedEvolutionSearcher implements Searcher {
  private static final int SNAPSHOT_VERSION = 1;
  private static final byte PENDING = 0;
  private static final byte COMPLETED = 1;
  private static final byte PRUNED = 2;
  private static final byte FAILED = 3;

  /** One trial: what was proposed, and what became of it. */
  private static final class Trial {
    final Candidate candidate;
    byte state = PENDING;
    double objective = Double.NaN;

    Trial(Candidate candidate) {
      this.candidate = candidate;
    }
  }

  /** A member of the population. */
  private record Member(TrialId trial, Candidate candidate, double score) {}

  private final SearchSpace<Candidate> space;
  private final EvolutionConfig config;
  private final Direction direction;
  private SearchRandom random;
  private final TreeMap<TrialId, Trial> trials = new TreeMap<>();
  /** Canonical strings of every candidate proposed; only looked up, never iterated. */
  private final Set<String> proposed = new HashSet<>();
  /** Oldest first. */
  private final ArrayDeque<Member> population = new ArrayDeque<>();
  /** Results that joined the population so far (also those since aged out). */
  private long results;

  @SuppressWarnings("unchecked")
  private RegularizedEvolutionSearcher(SearchSpace<?> space, EvolutionConfig config, Direction direction,
      long seed) {
    this.space = (SearchSpace<Candidate>) space; // its candidates are the only ones it is ever handed
    this.config = config;
    this.direction = direction;
    this.random = SearchRandom.of(seed);
  }

  /** An evolution searcher over {@code space}. */
  public static RegularizedEvolutionSearcher of(SearchSpace<?> space, EvolutionConfig config, Direction direction,
      long seed) {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(direction, "direction");
    return new RegularizedEvolutionSearcher(space, config, direction, seed);
  }

  /** An evolution searcher with {@link EvolutionConfig#defaults()}. */
  public static RegularizedEvolutionSearcher of(SearchSpace<?> space, Direction direction, long seed) {
    return of(space, EvolutionConfig.defaults(), direction, seed);
  }

  /** The settings this searcher runs with. */
  public EvolutionConfig config() {
    return config;
  }

  /** Number of members in the population now (at most P). */
  public int populationSize() {
    return population.size();
  }

  /** Trials asked for and not yet told. */
  public int pending() {
    return (int) trials.values().stream().filter(t -> t.state == PENDING).count();
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trials.containsKey(trial)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    Optional<Candidate> child = results >= config.population() ? mutateWinner() : Optional.empty();
    Optional<Candidate> candidate = child.isPresent() ? child : FreshCandidates.draw(space, proposed, random);
    if (candidate.isEmpty()) {
      return Optional.empty(); // only in a huge space after 1,000 unlucky draws
    }
    trials.put(trial, new Trial(candidate.get()));
    proposed.add(candidate.get().canonical());
    return Optional.of(new Proposal(trial, candidate.get()));
  }

  /** A fresh mutation of the tournament winner, or empty if the retries found none. */
  private Optional<Candidate> mutateWinner() {
    Member[] members = population.toArray(new Member[0]);
    int[] index = new int[members.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    Member winner = null;
    int draws = Math.min(config.sample(), members.length);
    for (int i = 0; i < draws; i++) { // partial Fisher-Yates: S distinct members
      int j = i + random.nextInt(members.length - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
      Member m = members[index[i]];
      if (winner == null || m.score() > winner.score()) {
        winner = m;
      }
    }
    for (int attempt = 0; attempt <= config.mutationRetries(); attempt++) {
      Candidate child = space.mutate(winner.candidate(), random);
      if (!proposed.contains(child.canonical())) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  @Override
  public void tell(Outcome outcome) {
    Trial trial = trials.get(outcome.trial());
    if (trial == null) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was not proposed by this searcher");
    }
    if (trial.state != PENDING) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was already told");
    }
    if (outcome instanceof Outcome.Completed c) {
      record(outcome.trial(), trial, COMPLETED, c.objective(), true);
    } else if (outcome instanceof Outcome.Pruned p) {
      record(outcome.trial(), trial, PRUNED, p.objective(), config.prunedJoinPopulation());
    } else {
      trial.state = FAILED;
    }
  }

  private void record(TrialId id, Trial trial, byte state, double objective, boolean join) {
    trial.state = state;
    trial.objective = objective;
    if (join && Double.isFinite(objective)) {
      join(id, trial);
    }
  }

  private void join(TrialId id, Trial trial) {
    population.addLast(new Member(id, trial.candidate, direction.score(trial.objective)));
    results++;
    while (population.size() > config.population()) {
      population.removeFirst();
    }
  }

  @Override
  public boolean isExhausted() {
    OptionalLong size = space.finiteSize();
    return size.isPresent() && proposed.size() >= size.getAsLong();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SnapshotHeader.write(out, SNAPSHOT_VERSION, space);
      out.writeInt(config.population());
      out.writeInt(config.sample());
      out.writeInt(config.mutationRetries());
      out.writeBoolean(config.prunedJoinPopulation());
      out.writeUTF(direction.name());
      out.writeLong(random.seed());
      out.writeLong(random.counter());
      out.writeInt(trials.size());
      for (Map.Entry<TrialId, Trial> e : trials.entrySet()) {
        out.writeLong(e.getKey().value());
        out.writeUTF(e.getValue().candidate.canonical());
        out.writeByte(e.getValue().state);
        out.writeLong(Double.doubleToRawLongBits(e.getValue().objective));
      }
      out.writeLong(results);
      out.writeInt(population.size());
      for (Member m : population) {
        out.writeLong(m.trial().value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      SnapshotHeader.read(in, "evolution searcher", SNAPSHOT_VERSION, space);
      EvolutionConfig saved = new EvolutionConfig(in.readInt(), in.readInt(), in.readInt(), in.readBoolean());
      if (!saved.equals(config)) {
        throw new IllegalArgumentException("snapshot settings " + saved + " differ from this searcher's " + config);
      }
      String savedDirection = in.readUTF();
      if (!savedDirection.equals(direction.name())) {
        throw new IllegalArgumentException("snapshot direction " + savedDirection + " differs from this searcher's "
            + direction);
      }
      SearchRandom restoredRandom = SearchRandom.restore(in.readLong(), in.readLong());
      TreeMap<TrialId, Trial> restoredTrials = new TreeMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        TrialId id = TrialId.of(in.readLong());
        Trial trial = new Trial(space.parse(in.readUTF()));
        trial.state = in.readByte();
        trial.objective = Double.longBitsToDouble(in.readLong());
        restoredTrials.put(id, trial);
      }
      long restoredResults = in.readLong();
      ArrayDeque<Member> restoredPopulation = new ArrayDeque<>();
      int members = in.readInt();
      for (int i = 0; i < members; i++) {
        TrialId id = TrialId.of(in.readLong());
        Trial trial = restoredTrials.get(id);
        if (trial == null || !Double.isFinite(trial.objective)) {
          throw new IllegalArgumentException("corrupt evolution snapshot: member " + id + " has no result");
        }
        restoredPopulation.addLast(new Member(id, trial.candidate, direction.score(trial.objective)));
      }
      random = restoredRandom;
      trials.clear();
      trials.putAll(restoredTrials);
      proposed.clear();
      restoredTrials.values().forEach(t -> proposed.add(t.candidate.canonical()));
      results = restoredResults;
      population.clear();
      population.addAll(restoredPopulation);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated evolution searcher snapshot", e);
    }
  }

  /** Every call is a tournament, a mutation or a queue update. */
  @Override
  public boolean isQuick() {
    return true;
  }
}
