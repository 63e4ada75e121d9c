package org.nautilus.actors.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Space;

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
        epochs, trial), 1, trial > 1);
  }

  private static ActorRef<TrainerActor.Command> spawn(TestProbe<TrainerActor.Reply> supervisor) {
    ActorRef<TrainerActor.Command> trainer = KIT.spawn(TrainerActor.create(new TrainerSlot("t", Device.cpu(0), SLOW),
        supervisor.getRef()), TrainerActor.DISPATCHER);
    supervisor.expectMessageClass(TrainerActor.Ready.class, TIMEOUT);
    return trainer;
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
    // The stop reaches the trainer before trial 1's first epoch ends (the epoch is a message after it).
    assertEquals(TrialId.of(2), supervisor.expectMessageClass(TrainerActor.Dropped.class, TIMEOUT).trial());
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
