package org.nautilus.nas.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.DartsOp;
import org.nautilus.nas.space.DartsSpace;
import org.nautilus.nas.space.HyperparameterSpace;
import org.nautilus.nas.space.JointSpace;
import org.nautilus.nas.space.Nb201Op;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

/**
 * A validated search spec: what to search, how, for what, for how long, and with which trainer and data.
 *
 * @param space the search space
 * @param strategy the searcher and its settings
 * @param objective the metric and its direction
 * @param budget when to stop
 * @param trainer how candidates are trained
 * @param data the data set, if the trainer needs one
 * @param seed the search's seed, if fixed
 */
public record SearchSpec(SpaceSpec space, StrategySpec strategy, ObjectiveSpec objective, BudgetSpec budget,
    TrainerSpec trainer, Optional<DataSpec> data, OptionalLong seed) {

  /** The strategy names a spec accepts. */
  public static final List<String> STRATEGIES = List.of("random", "grid", "evolution", "reinforce", "gp", "portfolio");
  /** The trainer kinds a spec accepts. */
  public static final List<String> TRAINERS = List.of("samediff", "mlp", "rnn", "process", "tabular", "function");

  /**
   * The search space: a cell, hyperparameters, or both.
   *
   * @param cell the architecture cell, if any
   * @param hyperparameters the hyperparameters (possibly none)
   */
  public record SpaceSpec(Optional<CellSpec> cell, HyperparameterSpace hyperparameters) {
    /** The space itself: the cell space, the hyperparameter space, or their {@link JointSpace}. */
    public SearchSpace<? extends Candidate> toSearchSpace() {
      if (cell.isEmpty()) {
        return hyperparameters;
      }
      SearchSpace<? extends Candidate> cells = cell.get().toSearchSpace();
      return hyperparameters.dimensions().isEmpty() ? cells : JointSpace.of(cells, hyperparameters);
    }
  }

  /** An architecture cell space. */
  public sealed interface CellSpec {
    /** The cell space. */
    SearchSpace<? extends Candidate> toSearchSpace();
  }

  /**
   * A NAS-Bench-201 cell over a subset of its built-in ops, possibly extended with custom ops.
   *
   * @param ops the ops, as listed in the spec (the space puts built-ins first, in built-in order)
   */
  public record Nb201CellSpec(List<Nb201Op> ops) implements CellSpec {
    public Nb201CellSpec {
      ops = List.copyOf(ops);
    }

    @Override
    public Nb201Space toSearchSpace() {
      return Nb201Space.withOps(ops);
    }
  }

  /**
   * A DARTS cell with {@code nodes} intermediate nodes over a subset of its built-in ops, possibly
   * extended with custom ops.
   *
   * @param nodes intermediate nodes per cell
   * @param ops the ops, as listed in the spec (the space puts built-ins first, in built-in order)
   */
  public record DartsCellSpec(int nodes, List<DartsOp> ops) implements CellSpec {
    public DartsCellSpec {
      ops = List.copyOf(ops);
    }

    @Override
    public DartsSpace toSearchSpace() {
      return DartsSpace.of(nodes, ops);
    }
  }

  /**
   * The searcher.
   *
   * @param name one of {@link #STRATEGIES}
   * @param settings the searcher's own settings (e.g. population, tournament)
   */
  public record StrategySpec(String name, Settings settings) {}

  /**
   * What the search optimizes.
   *
   * @param metric the metric's name, as the trainer or table reports it
   * @param direction maximize or minimize
   */
  public record ObjectiveSpec(String metric, Direction direction) {}

  /**
   * When the search stops: whichever limit comes first. At least one of trials, wall time and cost is set.
   *
   * @param trials number of trials
   * @param wallTime elapsed wall-clock time
   * @param cost total evaluation cost in seconds (virtual time in the simulator)
   * @param target stop once the objective reaches this value
   */
  public record BudgetSpec(OptionalLong trials, Optional<Duration> wallTime, OptionalDouble cost,
      OptionalDouble target) {}

  /**
   * How candidates are trained.
   *
   * @param kind one of {@link #TRAINERS}
   * @param settings the trainer's own settings
   */
  public record TrainerSpec(String kind, Settings settings) {}

  /**
   * The data set.
   *
   * @param dataset its name, e.g. {@code fashion-mnist}
   * @param path where it is, if not the default place
   * @param settings other settings (e.g. validation fraction)
   */
  public record DataSpec(String dataset, Optional<String> path, Settings settings) {}
}
