package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.nautilus.nas.search.SearchRandom;

/**
 * A cell space and a hyperparameter space searched together; candidates are {@link CellWithHyperparameters}.
 *
 * <p>Mutation changes either the cell (one cell decision, through the cell space's {@code mutate}) or
 * one hyperparameter, with probability proportional to the number of cell decisions that can change
 * (1 for a non-categorical cell space) and the number of active hyperparameters that can change.
 * Neighbours are the cell's neighbours (hyperparameters kept), then the hyperparameters' neighbours
 * (cell kept). The space is a {@link CategoricalSpace} (cell decisions, then one per hyperparameter)
 * when both parts are.
 *
 * @param <C> the cell type
 */
public final class JointSpace<C extends Candidate> implements SearchSpace<CellWithHyperparameters<C>> {
  private final SearchSpace<C> cells;
  private final HyperparameterSpace hyperparameters;

  private JointSpace(SearchSpace<C> cells, HyperparameterSpace hyperparameters) {
    this.cells = cells;
    this.hyperparameters = hyperparameters;
  }

  /** The joint space of {@code cells} and {@code hyperparameters}. */
  public static <C extends Candidate> JointSpace<C> of(SearchSpace<C> cells, HyperparameterSpace hyperparameters) {
    return new JointSpace<>(cells, hyperparameters);
  }

  /** The cell part. */
  public SearchSpace<C> cells() {
    return cells;
  }

  /** The hyperparameter part. */
  public HyperparameterSpace hyperparameters() {
    return hyperparameters;
  }

  /** The candidate of a cell and a configuration. */
  public CellWithHyperparameters<C> candidate(C cell, Configuration configuration) {
    return new CellWithHyperparameters<>(cell, configuration);
  }

  /** {@code <cell space>+hyperparameters}, e.g. {@code nb201+hyperparameters}. */
  @Override
  public String name() {
    return cells.name() + "+hyperparameters";
  }

  @Override
  public long size() {
    return finiteSize().orElse(Long.MAX_VALUE);
  }

  @Override
  public OptionalLong finiteSize() {
    OptionalLong a = cells.finiteSize();
    OptionalLong b = hyperparameters.finiteSize();
    if (a.isEmpty() || b.isEmpty()) {
      return OptionalLong.empty();
    }
    long product = OpSets.saturatedMultiply(a.getAsLong(), b.getAsLong());
    return product == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(product);
  }

  @Override
  public CellWithHyperparameters<C> sample(SearchRandom random) {
    C cell = cells.sample(random);
    return candidate(cell, hyperparameters.sample(random));
  }

  @Override
  public CellWithHyperparameters<C> parse(String canonical) {
    if (canonical == null) {
      throw new IllegalArgumentException("empty candidate string");
    }
    int semicolon = canonical.indexOf(';');
    String cell = semicolon < 0 ? canonical : canonical.substring(0, semicolon);
    String hp = semicolon < 0 ? "" : canonical.substring(semicolon + 1);
    return candidate(cells.parse(cell), hyperparameters.parse(hp));
  }

  private int cellWeight() {
    return cells.asCategorical()
        .map(c -> (int) Arrays.stream(c.cardinalities()).filter(n -> n > 1).count())
        .orElse(1);
  }

  @Override
  public CellWithHyperparameters<C> mutate(CellWithHyperparameters<C> candidate, SearchRandom random) {
    int cellWeight = cellWeight();
    int hpWeight = hyperparameters.mutable(candidate.hyperparameters()).size();
    if (cellWeight + hpWeight == 0) {
      throw new IllegalStateException("nothing of " + candidate.canonical() + " can change");
    }
    if (random.nextInt(cellWeight + hpWeight) < cellWeight) {
      return candidate(cells.mutate(candidate.cell(), random), candidate.hyperparameters());
    }
    return candidate(candidate.cell(), hyperparameters.mutate(candidate.hyperparameters(), random));
  }

  @Override
  public List<CellWithHyperparameters<C>> neighbours(CellWithHyperparameters<C> candidate) {
    List<CellWithHyperparameters<C>> out = new ArrayList<>();
    for (C cell : cells.neighbours(candidate.cell())) {
      out.add(candidate(cell, candidate.hyperparameters()));
    }
    for (Configuration c : hyperparameters.neighbours(candidate.hyperparameters())) {
      out.add(candidate(candidate.cell(), c));
    }
    return out;
  }

  @Override
  public Optional<CategoricalSpace<CellWithHyperparameters<C>>> asCategorical() {
    Optional<CategoricalSpace<C>> c = cells.asCategorical();
    Optional<CategoricalSpace<Configuration>> h = hyperparameters.asCategorical();
    return c.isPresent() && h.isPresent() ? Optional.of(new Grid(c.get(), h.get())) : Optional.empty();
  }

  /** Cell decisions followed by hyperparameter decisions. */
  private final class Grid implements CategoricalSpace<CellWithHyperparameters<C>> {
    private final CategoricalSpace<C> c;
    private final CategoricalSpace<Configuration> h;
    private final int split;

    Grid(CategoricalSpace<C> c, CategoricalSpace<Configuration> h) {
      this.c = c;
      this.h = h;
      this.split = c.cardinalities().length;
    }

    @Override
    public String name() {
      return JointSpace.this.name();
    }

    @Override
    public long size() {
      return JointSpace.this.size();
    }

    @Override
    public OptionalLong finiteSize() {
      return JointSpace.this.finiteSize();
    }

    @Override
    public CellWithHyperparameters<C> sample(SearchRandom random) {
      return JointSpace.this.sample(random);
    }

    @Override
    public CellWithHyperparameters<C> parse(String canonical) {
      return JointSpace.this.parse(canonical);
    }

    @Override
    public CellWithHyperparameters<C> mutate(CellWithHyperparameters<C> candidate, SearchRandom random) {
      return JointSpace.this.mutate(candidate, random);
    }

    @Override
    public List<CellWithHyperparameters<C>> neighbours(CellWithHyperparameters<C> candidate) {
      return JointSpace.this.neighbours(candidate);
    }

    @Override
    public int[] cardinalities() {
      int[] a = c.cardinalities();
      int[] b = h.cardinalities();
      int[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }

    @Override
    public List<String> decisionNames() {
      return Stream.concat(c.decisionNames().stream(), h.decisionNames().stream()).toList();
    }

    @Override
    public int[] decisions(CellWithHyperparameters<C> candidate) {
      int[] a = c.decisions(candidate.cell());
      int[] b = h.decisions(candidate.hyperparameters());
      int[] out = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, out, a.length, b.length);
      return out;
    }

    @Override
    public CellWithHyperparameters<C> fromDecisions(int[] decisions) {
      if (decisions.length != split + h.cardinalities().length) {
        throw new IllegalArgumentException("this space has " + (split + h.cardinalities().length)
            + " decisions, got " + decisions.length);
      }
      return candidate(c.fromDecisions(Arrays.copyOfRange(decisions, 0, split)),
          h.fromDecisions(Arrays.copyOfRange(decisions, split, decisions.length)));
    }

    /** The cell space's enumeration for each configuration, configurations outermost. */
    @Override
    public java.util.Iterator<CellWithHyperparameters<C>> enumerate() {
      java.util.Iterator<Configuration> configurations = h.enumerate();
      return new java.util.Iterator<>() {
        private Configuration configuration;
        private java.util.Iterator<C> inner = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          return inner.hasNext() || configurations.hasNext();
        }

        @Override
        public CellWithHyperparameters<C> next() {
          if (!inner.hasNext()) {
            configuration = configurations.next();
            inner = c.enumerate();
          }
          return candidate(inner.next(), configuration);
        }
      };
    }
  }
}
