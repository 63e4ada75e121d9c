package org.nautilus.actors.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;

/**
 * Trains one trial at a time on one device, an epoch per message. A trial assigned while one runs is
 * queued and begins, with a {@link Began} reply, as soon as the running one ends, so the device does
 * not wait for the supervisor between two trials.
 *
 * <p>Spawned on {@link #DISPATCHER}, a pinned dispatcher: every message runs on the same thread, as
 * ND4J's per-thread device affinity needs, and training never runs on the default dispatcher. The
 * actor reads its mailbox only between epochs, so a {@link StopTrial} alone ends a running trial at its
 * epoch's end; its {@link TrialStopper}, called by whoever sends the message, reaches the run inside
 * the epoch ({@link TrainingRun#requestStop}), which ends it at its next minibatch.
 */
public final class TrainerActor extends AbstractBehavior<TrainerActor.Command> {
  /** The dispatcher every trainer actor must be spawned on. */
  public static final DispatcherSelector DISPATCHER = DispatcherSelector.fromConfig("nautilus.trainer-dispatcher");

  /** Messages a trainer actor accepts. */
  public sealed interface Command {}

  /**
   * Train this request, after those queued before it; {@code attempt} counts from 1. A {@code queued}
   * assignment (sent while the trainer was busy) is answered by {@link Began} when it begins, even if
   * the trainer became idle before it arrived. With {@code checkpoints}, a trainer that can checkpoint
   * keeps the trial's last epoch in that directory, and continues from a checkpoint it finds there.
   */
  public record Assign(TrainRequest request, int attempt, boolean queued, Optional<Path> checkpoints)
      implements Command {
    /** An assignment to an idle trainer, which begins it at once, without checkpoints. */
    public Assign(TrainRequest request, int attempt) {
      this(request, attempt, false, Optional.empty());
    }
  }

  /**
   * Stop the trial: if it runs, it ends after its epoch, or at its next minibatch when the trainer's
   * {@link TrialStopper} was called too, and is reported as failed, not retryable ({@link Crashed}); if
   * it is queued, it is dropped ({@link Dropped}).
   */
  public record StopTrial(TrialId trial) implements Command {}

  private enum NextEpoch implements Command {
    INSTANCE
  }

  /** What a trainer actor tells its supervisor. */
  public sealed interface Reply {
    ActorRef<Command> trainer();
  }

  /** The trainer is up and idle. */
  public record Ready(ActorRef<Command> trainer) implements Reply {}

  /** The trainer cannot train on its device ({@code cause} says why) and has stopped. */
  public record Unusable(ActorRef<Command> trainer, String cause) implements Reply {}

  /** A queued {@code trial} has begun, its predecessor having ended. */
  public record Began(ActorRef<Command> trainer, TrialId trial) implements Reply {}

  /** A queued {@code trial} was dropped before it began, as a {@link StopTrial} asked. */
  public record Dropped(ActorRef<Command> trainer, TrialId trial) implements Reply {}

  /** One epoch of {@code trial} is done. */
  public record EpochDone(ActorRef<Command> trainer, TrialId trial, EpochReport report) implements Reply {}

  /** {@code trial} trained to the end in {@code seconds}; the trainer is idle again. */
  public record Finished(ActorRef<Command> trainer, TrialId trial, Map<String, Double> metrics, double seconds)
      implements Reply {}

  /** {@code trial} failed; the trainer is idle again. */
  public record Crashed(ActorRef<Command> trainer, TrialId trial, String cause, boolean retryable, double seconds)
      implements Reply {}

  /**
   * The trainer's code threw while training {@code trial}, which failed (retryable): the actor
   * restarts after a backoff, fresh, and says {@link Ready} again; until then it takes no work. Its
   * queued trials are lost with it, never begun.
   */
  public record Restarting(ActorRef<Command> trainer, TrialId trial, String cause, double seconds)
      implements Reply {}

  /** Thrown after a {@link Restarting} reply so that supervision restarts the actor. */
  private static final class TrainerFault extends RuntimeException {
    TrainerFault(RuntimeException cause) {
      super(cause);
    }
  }

  /** Backoff between restarts after faults, growing while faults repeat: a flaky device is not hammered. */
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final TrainerSlot slot;
  private final ActorRef<Reply> supervisor;
  private final TrialStopper stopper;
  private Optional<Running> running = Optional.empty();
  private final ArrayDeque<Assign> queue = new ArrayDeque<>();

  /** The trial in progress; {@code startNanos} measures its cost (elapsed time, not wall-clock logic). */
  private record Running(TrialId trial, TrainingRun run, long startNanos, Optional<Path> checkpoints) {}

  /**
   * A trainer actor for {@code slot} that reports to {@code supervisor} and registers its running
   * trial with {@code stopper} (one stopper per trainer actor). It is restarted with backoff by
   * supervision when its trainer's code throws ({@link Restarting}), and stops when it cannot use its
   * device ({@link Unusable}).
   */
  public static Behavior<Command> create(TrainerSlot slot, ActorRef<Reply> supervisor, TrialStopper stopper) {
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> {
      try {
        slot.trainer().bindThread(slot.device()); // this actor's pinned thread, for its whole life
      } catch (IllegalStateException e) {
        supervisor.tell(new Unusable(ctx.getSelf(), "trainer " + slot.name() + ": " + e.getMessage()));
        return Behaviors.stopped();
      }
      return new TrainerActor(ctx, slot, supervisor, stopper);
    }))
        .onFailure(TrainerFault.class, SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2)
            .withLoggingEnabled(false));
  }

  private TrainerActor(ActorContext<Command> context, TrainerSlot slot, ActorRef<Reply> supervisor,
      TrialStopper stopper) {
    super(context);
    this.slot = slot;
    this.supervisor = supervisor;
    this.stopper = stopper;
    supervisor.tell(new Ready(context.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Assign.class, this::onAssign)
        .onMessage(StopTrial.class, this::onStopTrial)
        .onMessageEquals(NextEpoch.INSTANCE, this::onNextEpoch)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  // Handlers return Behaviors.same(), not this: under the supervision interceptor a returned `this`
  // counts as a new behavior, and Pekko allocates a new interceptor around it for every message.
  private Behavior<Command> onAssign(Assign assign) {
    if (running.isPresent() || !queue.isEmpty()) {
      queue.add(assign);
      return Behaviors.same();
    }
    begin(assign);
    return Behaviors.same();
  }

  /** Begins the next queued trial, if any; its end is reported as any other's. */
  private void beginNext() {
    Assign next = queue.poll();
    if (next != null) {
      begin(next);
    }
  }

  private void begin(Assign assign) {
    TrialId trial = assign.request().trial();
    if (assign.queued()) {
      supervisor.tell(new Began(getContext().getSelf(), trial));
    }
    long start = System.nanoTime();
    try {
      running = Optional.of(new Running(trial, startOrResume(assign), start, assign.checkpoints()));
      stopper.set(running.get().trial(), running.get().run());
      getContext().getSelf().tell(NextEpoch.INSTANCE);
    } catch (TrainingException e) {
      supervisor.tell(new Crashed(getContext().getSelf(), trial, e.getMessage(), e.retryable(), seconds(start)));
      beginNext();
    } catch (RuntimeException e) {
      supervisor.tell(new Restarting(getContext().getSelf(), trial, describe(e), seconds(start)));
      throw new TrainerFault(e);
    }
  }

  private Behavior<Command> onNextEpoch() {
    if (running.isEmpty()) {
      return Behaviors.same(); // the trial was stopped after this message was sent
    }
    Running r = running.get();
    try {
      EpochReport report = r.run().nextEpoch();
      supervisor.tell(new EpochDone(getContext().getSelf(), r.trial(), report));
      if (!r.run().isFinished()) {
        checkpoint(r);
      }
      if (r.run().isFinished()) {
        Map<String, Double> metrics = r.run().result();
        end();
        supervisor.tell(new Finished(getContext().getSelf(), r.trial(), metrics, seconds(r.startNanos())));
        beginNext();
      } else {
        getContext().getSelf().tell(NextEpoch.INSTANCE);
      }
    } catch (TrainingException e) {
      end();
      supervisor.tell(new Crashed(getContext().getSelf(), r.trial(), e.getMessage(), e.retryable(),
          seconds(r.startNanos())));
      beginNext();
    } catch (RuntimeException e) {
      end();
      supervisor.tell(new Restarting(getContext().getSelf(), r.trial(), describe(e), seconds(r.startNanos())));
      throw new TrainerFault(e);
    }
    return Behaviors.same();
  }

  /** A run continued from the trial's last checkpoint if there is one this trainer can read, else a fresh one. */
  private TrainingRun startOrResume(Assign assign) throws TrainingException {
    Optional<Path> last = assign.checkpoints().flatMap(TrainerActor::latestCheckpoint);
    if (last.isPresent()) {
      try {
        return slot.trainer().resume(assign.request(), last.get());
      } catch (TrainingException e) {
        // Another kind of trainer's file, or a damaged one: the trial starts over, as without it.
      }
    }
    return slot.trainer().start(assign.request());
  }

  /** Keeps the run's last epoch, replacing the previous checkpoint; a failure to write only costs the checkpoint. */
  private static void checkpoint(Running r) {
    if (r.checkpoints().isEmpty()) {
      return;
    }
    Path dir = r.checkpoints().get();
    try {
      Optional<Path> written = r.run().checkpoint(dir);
      if (written.isPresent()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path old : files.filter(f -> !f.equals(written.get())).toList()) {
            Files.deleteIfExists(old);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The trial goes on; an interruption would restart it from its previous checkpoint or its start.
    }
  }

  /** The newest complete checkpoint file in {@code dir} (temporary files of an interrupted write excluded). */
  private static Optional<Path> latestCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().endsWith(".tmp")).max(Comparator.comparing(f -> {
        try {
          return Files.getLastModifiedTime(f);
        } catch (IOException e) {
          return java.nio.file.attribute.FileTime.fromMillis(0);
        }
      }));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Behavior<Command> onStopTrial(StopTrial stop) {
    if (queue.removeIf(a -> a.request().trial().equals(stop.trial()))) {
      supervisor.tell(new Dropped(getContext().getSelf(), stop.trial()));
      return Behaviors.same();
    }
    running.filter(r -> r.trial().equals(stop.trial())).ifPresent(r -> {
      end();
      supervisor.tell(new Crashed(getContext().getSelf(), r.trial(), "stopped", false, seconds(r.startNanos())));
      beginNext();
    });
    return Behaviors.same();
  }

  private Behavior<Command> onPostStop() {
    end();
    return Behaviors.same();
  }

  private void end() {
    stopper.clear();
    running.ifPresent(r -> r.run().close());
    running = Optional.empty();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
