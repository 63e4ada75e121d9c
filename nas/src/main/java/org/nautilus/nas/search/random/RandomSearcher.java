package org.nautilus.nas.search.random;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.SearchRandom;
import org.nautilus.nas.search.SnapshotHeader;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;

/**
 * Uniform random search. With deduplication (the default) it never proposes a candidate twice, and is
 * exhausted once every candidate of the space has been proposed.
 */
public final class RandomSearcher implements Searcher {
  private static final int SNAPSHOT_VERSION = 1;

  private final SearchSpace<?> space;
  private final boolean deduplicate;
  private SearchRandom random;
  /** Every trial asked for, in id order, with its candidate; TreeMap keeps snapshots ordered. */
  private final TreeMap<TrialId, Candidate> trials = new TreeMap<>();
  private final Set<TrialId> told = new HashSet<>();
  private final Set<String> proposed = new HashSet<>();

  private RandomSearcher(SearchSpace<?> space, long seed, boolean deduplicate) {
    this.space = space;
    this.deduplicate = deduplicate;
    this.random = SearchRandom.of(seed);
  }

  /** A deduplicating random searcher over {@code space}. */
  public static RandomSearcher of(SearchSpace<?> space, long seed) {
    return new RandomSearcher(space, seed, true);
  }

  /** A random searcher that may propose the same candidate again. */
  public static RandomSearcher withRepeats(SearchSpace<?> space, long seed) {
    return new RandomSearcher(space, seed, false);
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trials.containsKey(trial)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    Candidate candidate = space.sample(random);
    while (deduplicate && proposed.contains(candidate.canonical())) {
      candidate = space.sample(random);
    }
    trials.put(trial, candidate);
    proposed.add(candidate.canonical());
    return Optional.of(new Proposal(trial, candidate));
  }

  @Override
  public void tell(Outcome outcome) {
    if (!trials.containsKey(outcome.trial())) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was not proposed by this searcher");
    }
    if (!told.add(outcome.trial())) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was already told");
    }
  }

  @Override
  public boolean isExhausted() {
    return deduplicate && proposed.size() >= space.size();
  }

  /** Trials asked for and not yet told. */
  public int pending() {
    return trials.size() - told.size();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SnapshotHeader.write(out, SNAPSHOT_VERSION, space);
      out.writeBoolean(deduplicate);
      out.writeLong(random.seed());
      out.writeLong(random.counter());
      out.writeInt(trials.size());
      for (Map.Entry<TrialId, Candidate> e : trials.entrySet()) {
        out.writeLong(e.getKey().value());
        out.writeUTF(e.getValue().canonical());
        out.writeBoolean(told.contains(e.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      SnapshotHeader.read(in, "random searcher", SNAPSHOT_VERSION, space);
      if (in.readBoolean() != deduplicate) {
        throw new IllegalArgumentException("snapshot deduplication setting differs from this searcher's");
      }
      SearchRandom restored = SearchRandom.restore(in.readLong(), in.readLong());
      int n = in.readInt();
      trials.clear();
      told.clear();
      proposed.clear();
      for (int i = 0; i < n; i++) {
        TrialId trial = TrialId.of(in.readLong());
        Candidate candidate = space.parse(in.readUTF());
        trials.put(trial, candidate);
        proposed.add(candidate.canonical());
        if (in.readBoolean()) {
          told.add(trial);
        }
      }
      random = restored;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated random searcher snapshot", e);
    }
  }
}
