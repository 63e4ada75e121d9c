package org.nautilus.actors.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.data.CsvDatasetReader;
import org.nautilus.engine.data.CsvOptions;
import org.nautilus.engine.data.TabularData;
import org.nautilus.engine.data.TabularDataset;
import org.nautilus.engine.data.ValidationScheme;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.engine.train.mlp.MlpTrainer;
import org.nautilus.engine.train.mlp.MlpTrainerConfig;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.ParamValue;

/** The trainer actor's protocol: one trial at a time, queued trials begun at once, stops and drops. */
class TrainerActorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Nb201Space SPACE = new Nb201Space();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  /** Epochs of 30 ms; the trial's only metric is its id, so a reply shows whose result it is. */
  private static final Trainer SLOW = request -> new TrainingRun() {
    private int epoch;

    @Override
    public EpochReport nextEpoch() {
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      epoch++;
      return new EpochReport(epoch, Map.of("trial", (double) request.trial().value()));
    }

    @Override
    public boolean isFinished() {
      return epoch >= request.epochs();
    }

    @Override
    public Map<String, Double> result() {
      return Map.of("trial", (double) request.trial().value());
    }

    @Override
    public void close() {}
  };

  private static TrainerActor.Assign assign(long trial, int epochs) {
    return new TrainerActor.Assign(new TrainRequest(TrialId.of(trial),
        SPACE.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"),
        epochs, trial), 1, trial > 1, java.util.Optional.empty());
  }

  private static ActorRef<TrainerActor.Command> spawn(TestProbe<TrainerActor.Reply> supervisor) {
    return spawn(supervisor, SLOW);
  }

  private static ActorRef<TrainerActor.Command> spawn(TestProbe<TrainerActor.Reply> supervisor, Trainer trainer) {
    return spawn(supervisor, trainer, new TrialStopper());
  }

  private static ActorRef<TrainerActor.Command> spawn(TestProbe<TrainerActor.Reply> supervisor, Trainer trainer,
      TrialStopper stopper) {
    ActorRef<TrainerActor.Command> actor = KIT.spawn(TrainerActor.create(new TrainerSlot("t", Device.cpu(0), trainer),
        supervisor.getRef(), stopper), TrainerActor.DISPATCHER);
    assertEquals(actor, supervisor.expectMessageClass(TrainerActor.Ready.class, TIMEOUT).trainer());
    return actor;
  }

  /** What the supervisor does to stop a trial: the stopper reaches a running epoch, the message the rest. */
  private static void stop(ActorRef<TrainerActor.Command> trainer, TrialStopper stopper, long trial) {
    stopper.stop(TrialId.of(trial));
    trainer.tell(new TrainerActor.StopTrial(TrialId.of(trial)));
  }

  /**
   * One epoch of 6,000 batches of 10 ms (a minute) that checks for a stop request before each batch,
   * as the in-JVM runs do; {@code begun} gets a permit when an epoch starts.
   */
  private static Trainer minuteEpochs(Semaphore begun) {
    return request -> new TrainingRun() {
      private volatile boolean stop;

      @Override
      public EpochReport nextEpoch() throws TrainingException {
        begun.release();
        for (int b = 0; b < 6_000; b++) {
          if (stop) {
            throw new TrainingException("stopped in epoch 1 after " + b + " of 6000 batches", false);
          }
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return new EpochReport(1, Map.of());
      }

      @Override
      public void requestStop() {
        stop = true;
      }

      @Override
      public boolean isFinished() {
        return false;
      }

      @Override
      public Map<String, Double> result() {
        return Map.of();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aStopReachesTheRunningTrialInsideItsEpoch() throws InterruptedException {
    TestProbe<TrainerActor.Reply> supervisor = KIT.createTestProbe();
    Semaphore begun = new Semaphore(0);
    TrialStopper stopper = new TrialStopper();
    ActorRef<TrainerActor.Command> trainer = spawn(supervisor, minuteEpochs(begun), stopper);
    trainer.tell(assign(1, 3));
    assertTrue(begun.tryAcquire(10, TimeUnit.SECONDS));
    stop(trainer, stopper, 1);
    // Between epochs only, the reply would come after a minute; the probe waits 10 s.
    TrainerActor.Crashed stopped = supervisor.expectMessageClass(TrainerActor.Crashed.class, TIMEOUT);
    assertEquals(TrialId.of(1), stopped.trial());
    assertTrue(stopped.cause().startsWith("stopped in epoch 1 after "), stopped.cause());
    assertEquals(trainer, stopped.trainer());
    // The actor's own handling of the message, which it reads afterwards, sends nothing more.
    trainer.tell(assign(2, 1));
    assertEquals(TrialId.of(2), supervisor.expectMessageClass(TrainerActor.Began.class, TIMEOUT).trial());
    assertTrue(begun.tryAcquire(10, TimeUnit.SECONDS));
    // A stopper asked for another trial leaves this one running.
    stopper.stop(TrialId.of(1));
    supervisor.expectNoMessage(Duration.ofMillis(300));
    stop(trainer, stopper, 2);
    assertEquals(TrialId.of(2), supervisor.expectMessageClass(TrainerActor.Crashed.class, TIMEOUT).trial());
  }

  @TempDir
  Path dir;

  /** 400 rows of two Gaussian blobs in 8 dimensions; batch size 1 makes an epoch 240 real ND4J steps. */
  private TabularData blobs() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("a,b,c,d,e,f,g,h,label\n");
    for (int i = 0; i < 400; i++) {
      int k = i % 2;
      for (int j = 0; j < 8; j++) {
        csv.append(String.format(Locale.ROOT, "%.4f,", random.nextGaussian() + (j == k ? 2 : 0)));
      }
      csv.append(k == 0 ? "left" : "right").append('\n');
    }
    TabularDataset all = CsvDatasetReader.read(Files.writeString(dir.resolve("blobs.csv"), csv),
        CsvOptions.classification("label"));
    return TabularData.of(all.select(IntStream.range(80, 400).toArray()),
        all.select(IntStream.range(0, 80).toArray()), new ValidationScheme.Holdout(0.25, true, 3));
  }

  /** {@code trainer}'s runs, each releasing a permit of {@code epochs} as an epoch begins. */
  private static Trainer observed(Trainer trainer, Semaphore epochs) {
    return request -> {
      TrainingRun run = trainer.start(request);
      return new TrainingRun() {
        @Override
        public EpochReport nextEpoch() throws TrainingException {
          epochs.release();
          return run.nextEpoch();
        }

        @Override
        public void requestStop() {
          run.requestStop();
        }

        @Override
        public boolean isFinished() {
          return run.isFinished();
        }

        @Override
        public Map<String, Double> result() throws TrainingException {
          return run.result();
        }

        @Override
        public void close() {
          run.close();
        }
      };
    };
  }

  @Test
  void aStopEndsARealMlpTrialAtTheNextMinibatchNotTheEndOfItsEpoch() throws Exception {
    TestProbe<TrainerActor.Reply> supervisor = KIT.createTestProbe();
    Semaphore epochs = new Semaphore(0);
    TrialStopper stopper = new TrialStopper();
    ActorRef<TrainerActor.Command> trainer = spawn(supervisor,
        observed(new MlpTrainer(MlpTrainerConfig.defaults(), blobs()), epochs), stopper);
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put("batch_size", new ParamValue.Int(1));
    trainer.tell(new TrainerActor.Assign(new TrainRequest(TrialId.of(1), Configuration.of(hp), 5, 1), 1));
    supervisor.expectMessageClass(TrainerActor.EpochDone.class, Duration.ofSeconds(60));
    assertTrue(epochs.tryAcquire(2, 60, TimeUnit.SECONDS)); // epoch 2 has begun
    stop(trainer, stopper, 1);
    TrainerActor.Crashed stopped = supervisor.expectMessageClass(TrainerActor.Crashed.class, Duration.ofSeconds(60));
    Matcher m = Pattern.compile("stopped in epoch 2 after (\\d+) of (\\d+) batches").matcher(stopped.cause());
    assertTrue(m.matches(), stopped.cause());
    int trained = Integer.parseInt(m.group(1));
    int batches = Integer.parseInt(m.group(2));
    assertEquals(240, batches);
    assertTrue(trained < batches, stopped.cause());
  }

  @Test
  void aTrialAssignedWhileOneRunsBeginsTheMomentItEnds() {
    TestProbe<TrainerActor.Reply> supervisor = KIT.createTestProbe();
    ActorRef<TrainerActor.Command> trainer = spawn(supervisor);
    trainer.tell(assign(1, 2));
    trainer.tell(assign(2, 1));
    assertEquals(TrialId.of(1), supervisor.expectMessageClass(TrainerActor.EpochDone.class, TIMEOUT).trial());
    assertEquals(TrialId.of(1), supervisor.expectMessageClass(TrainerActor.EpochDone.class, TIMEOUT).trial());
    assertEquals(TrialId.of(1), supervisor.expectMessageClass(TrainerActor.Finished.class, TIMEOUT).trial());
    assertEquals(TrialId.of(2), supervisor.expectMessageClass(TrainerActor.Began.class, TIMEOUT).trial());
    assertEquals(TrialId.of(2), supervisor.expectMessageClass(TrainerActor.EpochDone.class, TIMEOUT).trial());
    TrainerActor.Finished second = supervisor.expectMessageClass(TrainerActor.Finished.class, TIMEOUT);
    assertEquals(Map.of("trial", 2.0), second.metrics());
    supervisor.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aQueuedTrialThatIsStoppedIsDroppedWithoutBeginningAndTheNextOneBeginsInstead() {
    TestProbe<TrainerActor.Reply> supervisor = KIT.createTestProbe();
    ActorRef<TrainerActor.Command> trainer = spawn(supervisor);
    trainer.tell(assign(1, 300)); // 9 s: it is stopped long before
    trainer.tell(assign(2, 1));
    trainer.tell(assign(3, 1));
    trainer.tell(new TrainerActor.StopTrial(TrialId.of(2)));
    TrainerActor.Dropped dropped = (TrainerActor.Dropped) supervisor.fishForMessage(TIMEOUT,
        reply -> reply instanceof TrainerActor.EpochDone ? FishingOutcomes.continueAndIgnore()
            : FishingOutcomes.complete()).get(0);
    assertEquals(TrialId.of(2), dropped.trial());
    // Stopping the running trial ends it as failed and begins the queued one.
    trainer.tell(new TrainerActor.StopTrial(TrialId.of(1)));
    TrainerActor.Crashed stopped = (TrainerActor.Crashed) supervisor.fishForMessage(TIMEOUT,
        reply -> reply instanceof TrainerActor.EpochDone ? FishingOutcomes.continueAndIgnore()
            : FishingOutcomes.complete()).get(0);
    assertEquals(TrialId.of(1), stopped.trial());
    assertEquals("stopped", stopped.cause());
    assertEquals(TrialId.of(3), supervisor.expectMessageClass(TrainerActor.Began.class, TIMEOUT).trial());
    supervisor.expectMessageClass(TrainerActor.EpochDone.class, TIMEOUT);
    assertEquals(TrialId.of(3), supervisor.expectMessageClass(TrainerActor.Finished.class, TIMEOUT).trial());
  }
}
