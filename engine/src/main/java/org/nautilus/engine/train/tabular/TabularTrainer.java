package org.nautilus.engine.train.tabular;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.bench.TableColumns;

/**
 * Looks each candidate up in a {@link TabularBenchmark}: every epoch reports the table's objective
 * column, and the result holds the objective, the cost column (seconds of virtual time) and the
 * report columns, each under its column name. A candidate missing from the table fails, not retryable.
 * Safe to share between trainer actors: the table is immutable.
 */
public final class TabularTrainer implements Trainer {
  private final TabularBenchmark table;

  public TabularTrainer(TabularBenchmark table) {
    this.table = Objects.requireNonNull(table, "table");
  }

  /** The table looked up. */
  public TabularBenchmark table() {
    return table;
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    int row = table.row(request.candidate().canonical());
    if (row < 0) {
      throw new TrainingException("candidate " + request.candidate().canonical() + " is not in table "
          + table.source(), false);
    }
    TableColumns columns = table.columns();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(columns.objective(), table.objective(row));
    metrics.put(columns.cost(), table.cost(row));
    for (int i = 0; i < columns.report().size(); i++) {
      metrics.put(columns.report().get(i), table.report(row, i));
    }
    return new LookedUp(request.epochs(), Map.copyOf(metrics), columns.objective());
  }

  /** A looked-up trial: its epochs report the final objective, as the table knows nothing finer. */
  private static final class LookedUp implements TrainingRun {
    private final int epochs;
    private final Map<String, Double> result;
    private final Map<String, Double> perEpoch;
    private int epoch;

    LookedUp(int epochs, Map<String, Double> result, String objective) {
      this.epochs = epochs;
      this.result = result;
      this.perEpoch = Map.of(objective, result.get(objective));
    }

    @Override
    public EpochReport nextEpoch() {
      if (isFinished()) {
        throw new IllegalStateException("all " + epochs + " epochs have run");
      }
      epoch++;
      return new EpochReport(epoch, perEpoch);
    }

    @Override
    public boolean isFinished() {
      return epoch >= epochs;
    }

    @Override
    public Map<String, Double> result() {
      if (!isFinished()) {
        throw new IllegalStateException("epoch " + epoch + " of " + epochs + ": not finished");
      }
      return result;
    }

    @Override
    public void close() {}
  }
}
