package org.nautilus.nas.search.reinforce;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
import org.nautilus.nas.space.CategoricalSpace;
import org.nautilus.nas.space.SearchSpace;

/**
 * REINFORCE over the decisions of a categorical space, updated asynchronously as results arrive.
 *
 * <p>Each {@code ask} samples decisions from the {@link Policy} and remembers them with the trial. On a
 * result: reward {@code r = direction.score(objective)}; advantage {@code a = r - b} against the
 * exponential moving average {@code b} of earlier rewards (bias-corrected, so {@code b} is the first reward
 * after one result; the first result therefore teaches nothing); optionally {@code a} is divided by the
 * moving root-mean-square of advantages; then one step of gradient ascent on {@code a * log p(decisions)
 * + entropyCoefficient * H(p)}.
 *
 * <p>{@code Completed} and {@code Pruned} outcomes update the policy with their objective (a pruned trial's
 * is the partial one that got it stopped, a fair negative signal); {@code Failed} outcomes, and results
 * whose objective is not finite, do not update it. A sample that is pending or was proposed before is
 * drawn again up to {@link ReinforceConfig#resampleRetries()} times; then single mutations walk from the
 * last sample to a fresh candidate (it stays close to what the policy wants), and failing that a uniform
 * fresh candidate is proposed. No candidate is proposed twice; a finite space is exhausted once all are.
 */
public final class ReinforceSearcher implements Searcher {
  private static final int SNAPSHOT_VERSION = 1;
  private static final byte PENDING = 0;
  private static final byte COMPLETED = 1;
  private static final byte PRUNED = 2;
  private static final byte FAILED = 3;

  /** One trial: the decisions proposed and what became of them. */
  private static final class Trial {
    final Candidate candidate;
    final int[] decisions;
    byte state = PENDING;
    double objective = Double.NaN;

    Trial(Candidate candidate, int[] decisions) {
      this.candidate = candidate;
      this.decisions = decisions;
    }
  }

  private final CategoricalSpace<Candidate> space;
  private final Policy policy;
  private final ReinforceConfig config;
  private final Direction direction;
  private SearchRandom random;
  private final TreeMap<TrialId, Trial> trials = new TreeMap<>();
  /** Canonical strings of every candidate proposed; only looked up, never iterated. */
  private final Set<String> proposed = new HashSet<>();
  /** Bias-corrected moving averages: numerators and the shared denominator (as NAS-Bench-201's code). */
  private double rewardSum;
  private double squareSum;
  private double weight;
  private long updates;

  @SuppressWarnings("unchecked")
  private ReinforceSearcher(CategoricalSpace<?> space, Policy policy, ReinforceConfig config, Direction direction,
      long seed) {
    this.space = (CategoricalSpace<Candidate>) space; // its candidates are the only ones it is ever handed
    this.policy = policy;
    this.config = config;
    this.direction = direction;
    this.random = SearchRandom.of(seed);
  }

  /**
   * A REINFORCE searcher with a {@link FactorizedCategoricalPolicy} over {@code space}'s decisions.
   *
   * @throws IllegalArgumentException if the space has no categorical view (a continuous dimension)
   */
  public static ReinforceSearcher of(SearchSpace<?> space, ReinforceConfig config, Direction direction, long seed) {
    CategoricalSpace<?> decisions = categorical(space);
    return withPolicy(decisions, FactorizedCategoricalPolicy.uniform(decisions.cardinalities()), config, direction,
        seed);
  }

  /** A REINFORCE searcher with {@link ReinforceConfig#defaults()}. */
  public static ReinforceSearcher of(SearchSpace<?> space, Direction direction, long seed) {
    return of(space, ReinforceConfig.defaults(), direction, seed);
  }

  /**
   * A REINFORCE searcher that trains {@code policy}, which this searcher then owns.
   *
   * @throws IllegalArgumentException if the space has no categorical view or the policy another shape
   */
  public static ReinforceSearcher withPolicy(SearchSpace<?> space, Policy policy, ReinforceConfig config,
      Direction direction, long seed) {
    CategoricalSpace<?> decisions = categorical(space);
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(direction, "direction");
    if (!Arrays.equals(policy.cardinalities(), decisions.cardinalities())) {
      throw new IllegalArgumentException("policy decisions " + Arrays.toString(policy.cardinalities())
          + " do not match space '" + space.name() + "' " + Arrays.toString(decisions.cardinalities()));
    }
    return new ReinforceSearcher(decisions, policy, config, direction, seed);
  }

  private static CategoricalSpace<?> categorical(SearchSpace<?> space) {
    return space.asCategorical().orElseThrow(() -> new IllegalArgumentException(
        "REINFORCE needs a space of categorical decisions; space '" + space.name()
            + "' has a continuous dimension; give it a step or choose random or evolution"));
  }

  /** The settings this searcher runs with. */
  public ReinforceConfig config() {
    return config;
  }

  /** The policy being trained (read it, do not change it). */
  public Policy policy() {
    return policy;
  }

  /** Number of policy updates so far. */
  public long updates() {
    return updates;
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trials.containsKey(trial)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    int[] decisions = policy.sample(random);
    Candidate candidate = space.fromDecisions(decisions);
    for (int i = 0; i < config.resampleRetries() && proposed.contains(candidate.canonical()); i++) {
      decisions = policy.sample(random);
      candidate = space.fromDecisions(decisions);
    }
    if (proposed.contains(candidate.canonical())) {
      Optional<Candidate> fresh = walkToFresh(candidate);
      if (fresh.isEmpty()) {
        return Optional.empty(); // only in a huge space after many unlucky draws
      }
      candidate = fresh.get();
      decisions = space.decisions(candidate);
    }
    trials.put(trial, new Trial(candidate, decisions));
    proposed.add(candidate.canonical());
    return Optional.of(new Proposal(trial, candidate));
  }

  /** Single mutations from {@code start} until a fresh candidate, bounded; then a uniform fresh one. */
  private Optional<Candidate> walkToFresh(Candidate start) {
    Candidate at = start;
    int steps = Math.max(1, config.resampleRetries()) * 4;
    boolean mutable = Arrays.stream(space.cardinalities()).anyMatch(k -> k > 1);
    for (int i = 0; mutable && i < steps; i++) {
      at = space.mutate(at, random);
      if (!proposed.contains(at.canonical())) {
        return Optional.of(at);
      }
    }
    return FreshCandidates.draw(space, proposed, random);
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
      trial.state = COMPLETED;
      trial.objective = c.objective();
      learn(trial);
    } else if (outcome instanceof Outcome.Pruned p) {
      trial.state = PRUNED;
      trial.objective = p.objective();
      learn(trial);
    } else {
      trial.state = FAILED;
    }
  }

  private void learn(Trial trial) {
    if (!Double.isFinite(trial.objective)) {
      return;
    }
    double reward = direction.score(trial.objective);
    double decay = config.baselineDecay();
    double advantage = weight > 0 ? reward - rewardSum / weight : 0;
    double nextWeight = decay * weight + (1 - decay);
    rewardSum = decay * rewardSum + (1 - decay) * reward;
    if (config.normalizeAdvantage() && weight > 0) {
      squareSum = decay * squareSum + (1 - decay) * advantage * advantage;
      double rms = Math.sqrt(squareSum / nextWeight);
      advantage = rms > 0 ? advantage / rms : 0;
    }
    weight = nextWeight;
    policy.reinforce(trial.decisions, advantage, config.learningRate(), config.entropyCoefficient());
    updates++;
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
      out.writeLong(Double.doubleToRawLongBits(config.learningRate()));
      out.writeLong(Double.doubleToRawLongBits(config.baselineDecay()));
      out.writeLong(Double.doubleToRawLongBits(config.entropyCoefficient()));
      out.writeBoolean(config.normalizeAdvantage());
      out.writeInt(config.resampleRetries());
      out.writeUTF(direction.name());
      out.writeLong(random.seed());
      out.writeLong(random.counter());
      out.writeLong(Double.doubleToRawLongBits(rewardSum));
      out.writeLong(Double.doubleToRawLongBits(squareSum));
      out.writeLong(Double.doubleToRawLongBits(weight));
      out.writeLong(updates);
      out.writeInt(trials.size());
      for (Map.Entry<TrialId, Trial> e : trials.entrySet()) {
        Trial t = e.getValue();
        out.writeLong(e.getKey().value());
        out.writeUTF(t.candidate.canonical());
        out.writeInt(t.decisions.length);
        for (int d : t.decisions) {
          out.writeInt(d);
        }
        out.writeByte(t.state);
        out.writeLong(Double.doubleToRawLongBits(t.objective));
      }
      out.writeUTF(policy.kind()); // last, so that a restore reads it only once all else has parsed
      policy.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      SnapshotHeader.read(in, "REINFORCE searcher", SNAPSHOT_VERSION, space);
      ReinforceConfig saved = new ReinforceConfig(Double.longBitsToDouble(in.readLong()),
          Double.longBitsToDouble(in.readLong()), Double.longBitsToDouble(in.readLong()), in.readBoolean(),
          in.readInt());
      if (!saved.equals(config)) {
        throw new IllegalArgumentException("snapshot settings " + saved + " differ from this searcher's " + config);
      }
      String savedDirection = in.readUTF();
      if (!savedDirection.equals(direction.name())) {
        throw new IllegalArgumentException("snapshot direction " + savedDirection + " differs from this searcher's "
            + direction);
      }
      SearchRandom restoredRandom = SearchRandom.restore(in.readLong(), in.readLong());
      double restoredRewardSum = Double.longBitsToDouble(in.readLong());
      double restoredSquareSum = Double.longBitsToDouble(in.readLong());
      double restoredWeight = Double.longBitsToDouble(in.readLong());
      long restoredUpdates = in.readLong();
      TreeMap<TrialId, Trial> restoredTrials = new TreeMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        TrialId id = TrialId.of(in.readLong());
        Candidate candidate = space.parse(in.readUTF());
        int[] decisions = new int[in.readInt()];
        for (int d = 0; d < decisions.length; d++) {
          decisions[d] = in.readInt();
        }
        Trial trial = new Trial(candidate, decisions);
        trial.state = in.readByte();
        trial.objective = Double.longBitsToDouble(in.readLong());
        restoredTrials.put(id, trial);
      }
      String kind = in.readUTF();
      if (!kind.equals(policy.kind())) {
        throw new IllegalArgumentException("snapshot policy '" + kind + "' differs from this searcher's '"
            + policy.kind() + "'");
      }
      policy.read(in); // all or nothing (Policy#read's contract)
      random = restoredRandom;
      rewardSum = restoredRewardSum;
      squareSum = restoredSquareSum;
      weight = restoredWeight;
      updates = restoredUpdates;
      trials.clear();
      trials.putAll(restoredTrials);
      proposed.clear();
      restoredTrials.values().forEach(t -> proposed.add(t.candidate.canonical()));
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated REINFORCE searcher snapshot", e);
    }
  }

  /** Every call samples the policy or takes one gradient step on its logits. */
  @Override
  public boolean isQuick() {
    return true;
  }
}
