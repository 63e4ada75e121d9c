package org.nautilus.nas.search.grid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
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
 * Grid search over a finite categorical space: proposes every candidate once, in the space's
 * {@link CategoricalSpace#enumerate() enumeration order} or in a shuffle of it drawn from the seed, and
 * is exhausted once every point has been proposed. Outcomes are recorded but do not change the order.
 *
 * <p>The grid has as many points as the space has candidates: the product of the cardinalities for a
 * plain categorical space (3 hyperparameters of 5 values: 125 points), fewer when conditional
 * hyperparameters are inactive.
 */
public final class GridSearcher implements Searcher {
  private static final int SNAPSHOT_VERSION = 1;

  private final CategoricalSpace<?> space;
  private final GridConfig config;
  private long seed;
  private List<Candidate> order;
  private int next;
  /** Every trial asked for, with the index of its point; a TreeMap keeps snapshots ordered. */
  private final TreeMap<TrialId, Integer> trials = new TreeMap<>();
  private final TreeMap<TrialId, Boolean> told = new TreeMap<>();

  private GridSearcher(CategoricalSpace<?> space, GridConfig config, long seed) {
    this.space = space;
    this.config = config;
    this.seed = seed;
    this.order = points(space, config, seed);
  }

  /**
   * A grid searcher over {@code space}.
   *
   * @throws IllegalArgumentException if the space is not finite and categorical, or has more points than
   *     {@code config.limit()}
   */
  public static GridSearcher of(SearchSpace<?> space, GridConfig config, long seed) {
    CategoricalSpace<?> grid = space.asCategorical().orElseThrow(() -> new IllegalArgumentException(
        "grid search needs a finite space of categorical decisions; space '" + space.name()
            + "' has a continuous or unbounded dimension; give it a step or choose another strategy"));
    OptionalLong size = grid.finiteSize();
    if (size.isEmpty()) {
      throw new IllegalArgumentException("grid of space '" + space.name()
          + "' is too large to count; choose another strategy");
    }
    if (size.getAsLong() > config.limit()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "grid of %,d points exceeds the limit of %,d; raise grid.limit or choose another strategy",
          size.getAsLong(), config.limit()));
    }
    return new GridSearcher(grid, config, seed);
  }

  /** A grid searcher with {@link GridConfig#defaults()}. */
  public static GridSearcher of(SearchSpace<?> space, long seed) {
    return of(space, GridConfig.defaults(), seed);
  }

  private static List<Candidate> points(CategoricalSpace<?> space, GridConfig config, long seed) {
    List<Candidate> points = new ArrayList<>();
    Iterator<? extends Candidate> it = space.enumerate();
    while (it.hasNext()) {
      if (points.size() >= config.limit()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "grid of more than %,d points exceeds the limit of %,d; raise grid.limit or choose another strategy",
            config.limit(), config.limit()));
      }
      points.add(it.next());
    }
    if (config.shuffle()) {
      SearchRandom random = SearchRandom.of(seed);
      for (int i = points.size() - 1; i > 0; i--) { // Fisher-Yates
        int j = random.nextInt(i + 1);
        Candidate t = points.get(i);
        points.set(i, points.get(j));
        points.set(j, t);
      }
    }
    return List.copyOf(points);
  }

  /** Number of points of the grid. */
  public int size() {
    return order.size();
  }

  /** Number of points proposed so far. */
  public int proposed() {
    return next;
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    if (trials.containsKey(trial)) {
      throw new IllegalArgumentException("trial " + trial + " was already asked for");
    }
    if (isExhausted()) {
      return Optional.empty();
    }
    trials.put(trial, next);
    return Optional.of(new Proposal(trial, order.get(next++)));
  }

  @Override
  public void tell(Outcome outcome) {
    if (!trials.containsKey(outcome.trial())) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was not proposed by this searcher");
    }
    if (told.putIfAbsent(outcome.trial(), Boolean.TRUE) != null) {
      throw new IllegalArgumentException("trial " + outcome.trial() + " was already told");
    }
  }

  @Override
  public boolean isExhausted() {
    return next >= order.size();
  }

  @Override
  public byte[] snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      SnapshotHeader.write(out, SNAPSHOT_VERSION, space);
      out.writeLong(config.limit());
      out.writeBoolean(config.shuffle());
      out.writeLong(seed);
      out.writeInt(order.size());
      out.writeInt(next);
      out.writeInt(trials.size());
      for (Map.Entry<TrialId, Integer> e : trials.entrySet()) {
        out.writeLong(e.getKey().value());
        out.writeInt(e.getValue());
        out.writeBoolean(told.containsKey(e.getKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] snapshot) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
      SnapshotHeader.read(in, "grid searcher", SNAPSHOT_VERSION, space);
      if (in.readLong() != config.limit() || in.readBoolean() != config.shuffle()) {
        throw new IllegalArgumentException("snapshot grid settings differ from this searcher's " + config);
      }
      long restoredSeed = in.readLong();
      int size = in.readInt();
      List<Candidate> restoredOrder = restoredSeed == seed ? order : points(space, config, restoredSeed);
      if (size != restoredOrder.size()) {
        throw new IllegalArgumentException("snapshot grid has " + size + " points, this space has "
            + restoredOrder.size());
      }
      int restoredNext = in.readInt();
      int n = in.readInt();
      TreeMap<TrialId, Integer> restoredTrials = new TreeMap<>();
      TreeMap<TrialId, Boolean> restoredTold = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        TrialId trial = TrialId.of(in.readLong());
        restoredTrials.put(trial, in.readInt());
        if (in.readBoolean()) {
          restoredTold.put(trial, Boolean.TRUE);
        }
      }
      seed = restoredSeed;
      order = restoredOrder;
      next = restoredNext;
      trials.clear();
      trials.putAll(restoredTrials);
      told.clear();
      told.putAll(restoredTold);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated grid searcher snapshot", e);
    }
  }

  /** Every call steps through the grid. */
  @Override
  public boolean isQuick() {
    return true;
  }
}
