package org.nautilus.actors.api;

import java.util.Map;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;

/** A trainer that evaluates a user's {@link Objective} once per trial, as a single epoch. */
final class FunctionTrainer implements Trainer {
  private final Objective objective;
  private final String metric;

  FunctionTrainer(Objective objective, String metric) {
    this.objective = objective;
    this.metric = metric;
  }

  @Override
  public TrainingRun start(TrainRequest request) {
    return new TrainingRun() {
      private Map<String, Double> result;

      @Override
      public EpochReport nextEpoch() throws TrainingException {
        Map<String, Double> metrics;
        try {
          metrics = Map.copyOf(objective.evaluate(request.candidate(), request.seed()));
        } catch (Exception e) {
          throw new TrainingException("the objective threw " + e, false, e);
        }
        Double value = metrics.get(metric);
        if (value == null || !Double.isFinite(value)) {
          throw new TrainingException("the objective returned " + metric + " = " + value + ", expected a finite number",
              false);
        }
        result = metrics;
        return new EpochReport(1, metrics);
      }

      @Override
      public boolean isFinished() {
        return result != null;
      }

      @Override
      public Map<String, Double> result() {
        if (result == null) {
          throw new IllegalStateException("not evaluated yet");
        }
        return result;
      }

      @Override
      public void close() {}
    };
  }
}
