package org.nautilus.nas.search.random;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
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
  /** Version 2 keeps only the trials not yet told; version 1 (every trial) is still read. */
  private static final int SNAPSHOT_VERSION = 2;

  private final SearchSpace<?> space;
  private final boolean deduplicate;
  private SearchRandom random;
  /*
   * Trial ids asked for and told, as bit sets: the contract's checks (no trial asked twice, none told
   * twice or unasked) cost a bit per trial, where a map of every trial's candidate grew without bound
   * and made each snapshot O(trials). Only trials still running keep their candidate.
   */
  private final BitSet asked = new BitSet();
  private final BitSet told = new BitSet();
  /** Trials asked for and not yet told, in id order. */
  private final TreeMap<TrialId, Candidate> pending = new TreeMap<>();
  /** Canonical strings of every candidate proposed; kept only when deduplicating. */
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
    int id = index(trial);
    if (asked.get(id)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    Candidate candidate = space.sample(random);
    while (deduplicate && proposed.contains(candidate.canonical())) {
      candidate = space.sample(random);
    }
    asked.set(id);
    pending.put(trial, candidate);
    if (deduplicate) {
      proposed.add(candidate.canonical());
    }
    return Optional.of(new Proposal(trial, candidate));
  }

  @Override
  public void tell(Outcome outcome) {
    long value = outcome.trial().value();
    if (value < 0 || value > Integer.MAX_VALUE || !asked.get((int) value)) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was not proposed by this searcher");
    }
    if (told.get((int) value)) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was already told");
    }
    told.set((int) value);
    pending.remove(outcome.trial());
  }

  /** A trial's bit; ids are the supervisor's dense counter, far below 2^31. */
  private static int index(TrialId trial) {
    if (trial.value() < 0 || trial.value() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("trial id " + trial + " is outside 0.." + Integer.MAX_VALUE);
    }
    return (int) trial.value();
  }

  @Override
  public boolean isExhausted() {
    return deduplicate && proposed.size() >= space.size();
  }

  /** Trials asked for and not yet told. */
  public int pending() {
    return pending.size();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SnapshotHeader.write(out, SNAPSHOT_VERSION, space);
      out.writeBoolean(deduplicate);
      out.writeLong(random.seed());
      out.writeLong(random.counter());
      writeBits(out, asked);
      writeBits(out, told);
      out.writeInt(pending.size());
      for (Map.Entry<TrialId, Candidate> e : pending.entrySet()) {
        out.writeLong(e.getKey().value());
        out.writeUTF(e.getValue().canonical());
      }
      List<String> sorted = new ArrayList<>(proposed); // sorted: equal searchers give equal snapshots
      Collections.sort(sorted);
      out.writeInt(sorted.size());
      for (String canonical : sorted) {
        out.writeUTF(canonical);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      int version = SnapshotHeader.read(in, "random searcher", 1, SNAPSHOT_VERSION, space);
      if (in.readBoolean() != deduplicate) {
        throw new IllegalArgumentException("snapshot deduplication setting differs from this searcher's");
      }
      SearchRandom restored = SearchRandom.restore(in.readLong(), in.readLong());
      asked.clear();
      told.clear();
      pending.clear();
      proposed.clear();
      if (version == 1) {
        restoreVersion1(in);
      } else {
        asked.or(readBits(in));
        told.or(readBits(in));
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          TrialId trial = TrialId.of(in.readLong());
          pending.put(trial, space.parse(in.readUTF()));
        }
        int p = in.readInt();
        for (int i = 0; i < p; i++) {
          proposed.add(in.readUTF());
        }
      }
      random = restored;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated random searcher snapshot", e);
    }
  }

  /** Version 1: every trial asked for, with its candidate and whether it was told. */
  private void restoreVersion1(DataInputStream in) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      TrialId trial = TrialId.of(in.readLong());
      String canonical = in.readUTF();
      int id = index(trial);
      asked.set(id);
      if (in.readBoolean()) {
        told.set(id);
      } else {
        pending.put(trial, space.parse(canonical));
      }
      if (deduplicate) {
        proposed.add(canonical);
      }
    }
  }

  private static void writeBits(DataOutputStream out, BitSet bits) throws IOException {
    long[] words = bits.toLongArray();
    out.writeInt(words.length);
    for (long word : words) {
      out.writeLong(word);
    }
  }

  private static BitSet readBits(DataInputStream in) throws IOException {
    long[] words = new long[in.readInt()];
    for (int i = 0; i < words.length; i++) {
      words[i] = in.readLong();
    }
    return BitSet.valueOf(words);
  }

  /** Every call is a draw from the space and a bit-set update. */
  @Override
  public boolean isQuick() {
    return true;
  }
}
