package org.nautilus.actors.supervisor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;

/**
 * A trainer that takes no time: its accuracy is a function of the candidate string, and it fails on
 * request (the first attempt of every trial, or always as a diverged loss). Records the threads it
 * was called on. Trial 1 may hang, or train epochs of a minute in batches of 10 ms that end at the
 * first batch after a stop request, as the in-JVM trainers' do.
 */
final class ScriptedTrainer implements Trainer {
  enum Fault { NONE, FIRST_ATTEMPT_CRASHES, LOSS_DIVERGES, FIRST_ATTEMPT_THROWS, TRIAL_1_HANGS, TRIAL_1_MINUTE_EPOCHS }

  private final Fault fault;
  private final long epochMillis;
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  final Map<Long, AtomicInteger> starts = new ConcurrentHashMap<>();

  ScriptedTrainer(Fault fault, long epochMillis) {
    this.fault = fault;
    this.epochMillis = epochMillis;
  }

  static double accuracyOf(String canonical) {
    return 0.5 + (canonical.hashCode() & 0xff) / 1024.0;
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    threads.add(Thread.currentThread().getName());
    int attempt = starts.computeIfAbsent(request.trial().value(), t -> new AtomicInteger()).incrementAndGet();
    if (fault == Fault.FIRST_ATTEMPT_CRASHES && attempt == 1) {
      throw new TrainingException("device lost", true);
    }
    return new TrainingRun() {
      private int epoch;
      private volatile boolean stopRequested;

      @Override
      public EpochReport nextEpoch() throws TrainingException {
        threads.add(Thread.currentThread().getName());
        if (fault == Fault.FIRST_ATTEMPT_THROWS && attempt == 1) {
          throw new IllegalStateException("CUDA error: an illegal memory access was encountered");
        }
        if (fault == Fault.TRIAL_1_HANGS && request.trial().value() == 1) {
          hang();
        }
        if (fault == Fault.TRIAL_1_MINUTE_EPOCHS && request.trial().value() == 1) {
          for (int batch = 0; batch < 6_000; batch++) {
            if (stopRequested) {
              throw new TrainingException("stopped in epoch " + (epoch + 1) + " after " + batch + " of 6000 batches",
                  false);
            }
            pause(10);
          }
        }
        sleep();
        epoch++;
        if (fault == Fault.LOSS_DIVERGES) {
          throw new TrainingException("loss diverged to NaN at epoch " + epoch, false);
        }
        return new EpochReport(epoch, Map.of("loss", 1.0 / epoch,
            "val_accuracy", accuracyOf(request.candidate().canonical()) * epoch / request.epochs()));
      }

      @Override
      public boolean isFinished() {
        return epoch >= request.epochs();
      }

      @Override
      public Map<String, Double> result() {
        return Map.of("val_accuracy", accuracyOf(request.candidate().canonical()), "params", 1000.0);
      }

      @Override
      public void requestStop() {
        stopRequested = true;
      }

      @Override
      public void close() {}
    };
  }

  /** Stuck, as a deadlocked data loader would be, until the thread is interrupted (or a minute passes). */
  private static void hang() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sleep() {
    if (epochMillis > 0) {
      pause(epochMillis);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
