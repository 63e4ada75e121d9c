package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.journal.state.TrialStatus;
import java.util.Optional;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Space;

class SearchSupervisorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static SearchSettings settings(int trials, int epochs) {
    return new SearchSettings("{\"objective\":\"val_accuracy\"}", "random", trials, epochs, 42, "val_accuracy", 2, 3);
  }

  private static List<TrainerSlot> slots(ScriptedTrainer... trainers) {
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < trainers.length; i++) {
      slots.add(new TrainerSlot("t" + i, Device.cpu(i), trainers[i]));
    }
    return slots;
  }

  private static SearchState run(SearchSettings settings, InMemoryJournal journal, ScriptedTrainer... trainers)
      throws Exception {
    LocalSearch search = LocalSearch.start(settings, RandomSearcher.of(new Nb201Space(), settings.seed()),
        journal, slots(trainers), SearchListener.none());
    return search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void trainsTheBudgetAndJournalsEveryStepInOrder() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    SearchState state = run(settings(6, 2), journal,
        new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 5), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 5));

    List<Event> events = journal.events();
    assertInstanceOf(Event.SearchCreated.class, events.get(0));
    assertEquals(new Event.SearchFinished("trial budget of 6 reached"), events.get(events.size() - 1));
    // Per trial: proposed, started, two epochs, completed, in that order (write-ahead order); before
    // the proposal, SearcherAsked when the other trainer's result came while the searcher was asked.
    Map<TrialId, List<String>> perTrial = new HashMap<>();
    for (Event e : events.subList(1, events.size() - 1)) {
      TrialId trial = (TrialId) e.getClass().getRecordComponents()[0].getAccessor().invoke(e);
      perTrial.computeIfAbsent(trial, t -> new ArrayList<>()).add(e.getClass().getSimpleName());
    }
    assertEquals(6, perTrial.size());
    perTrial.values().forEach(kinds -> assertEquals(
        List.of("TrialProposed", "TrialStarted", "EpochReported", "EpochReported", "TrialCompleted"),
        kinds.get(0).equals("SearcherAsked") ? kinds.subList(1, kinds.size()) : kinds));
    assertEquals(6, state.trials(TrialStatus.COMPLETED).size());
    // The live state equals the fold of what was journaled.
    SearchState folded = new SearchState();
    events.forEach(folded::apply);
    assertEquals(folded.trials(), state.trials());
  }

  @Test
  void eachTrainerRunsOnItsOwnPinnedThread() throws Exception {
    ScriptedTrainer a = new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 2);
    ScriptedTrainer b = new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 2);
    run(settings(10, 3), new InMemoryJournal(), a, b);
    assertEquals(1, a.threads.size(), "trainer a ran on " + a.threads);
    assertEquals(1, b.threads.size(), "trainer b ran on " + b.threads);
    Set<String> both = new HashSet<>(a.threads);
    both.addAll(b.threads);
    assertEquals(2, both.size());
    assertTrue(a.threads.iterator().next().contains("trainer-dispatcher"), a.threads.toString());
  }

  @Test
  void sameSeedGivesTheSameTrialsAndCandidates() throws Exception {
    SearchState first = run(settings(5, 1), new InMemoryJournal(), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0),
        new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0));
    SearchState second = run(settings(5, 1), new InMemoryJournal(), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0),
        new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0));
    assertEquals(first.trials().stream().map(t -> t.trial() + t.candidate()).toList(),
        second.trials().stream().map(t -> t.trial() + t.candidate()).toList());
  }

  @Test
  void retryableFailureIsJournaledAndRetried() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    SearchState state = run(settings(3, 1), journal, new ScriptedTrainer(ScriptedTrainer.Fault.FIRST_ATTEMPT_CRASHES, 0));
    assertEquals(3, state.trials(TrialStatus.COMPLETED).size());
    long failures = journal.events().stream().filter(e -> e instanceof Event.TrialFailed f
        && f.cause().equals("device lost") && f.retryable() && f.attempt() == 1).count();
    assertEquals(3, failures);
    assertTrue(journal.events().stream().anyMatch(e -> e instanceof Event.TrialStarted s && s.attempt() == 2));
    state.trials().forEach(t -> assertEquals(2, t.attempt()));
  }

  @Test
  void divergedLossIsNotRetriedAndRepeatedFailuresStopTheSearch() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    SearchState state = run(settings(10, 2), journal, new ScriptedTrainer(ScriptedTrainer.Fault.LOSS_DIVERGES, 0));
    assertEquals(3, state.trials(TrialStatus.FAILED).size(), "stops after max consecutive failures (3)");
    assertEquals("3 trials failed in a row", state.finished().orElseThrow().reason());
    assertTrue(journal.events().stream().noneMatch(e -> e instanceof Event.TrialStarted s && s.attempt() > 1));
    assertEquals("loss diverged to NaN at epoch 1", state.trials().get(0).failure().orElseThrow());
  }

  @Test
  void aJournalThatCannotBeWrittenEndsTheSearchWithItsError() {
    LocalSearch search = LocalSearch.start(settings(6, 2), RandomSearcher.of(new Nb201Space(), 1),
        new InMemoryJournal(5), slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)), SearchListener.none());
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
    assertInstanceOf(JournalException.class, cause);
  }

  @Test
  void stopEndsRunningTrialsAndFinishesWithTheReason() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(100, 50), RandomSearcher.of(new Nb201Space(), 1), journal,
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 20)), SearchListener.none());
    Thread.sleep(200);
    search.stop("interrupted by the user");
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("interrupted by the user", state.finished().orElseThrow().reason());
    assertEquals(1, state.trials().size());
    assertEquals("stopped", state.trials().get(0).failure().orElseThrow());
    assertTrue(state.trials().get(0).curve().size() < 50);
  }

  @Test
  void aSearcherThatProposesNothingWithNothingRunningEndsTheSearch() throws Exception {
    Searcher silent = new Searcher() {
      @Override
      public Optional<Proposal> ask(TrialId trial) {
        return Optional.empty();
      }

      @Override
      public void tell(Outcome outcome) {
        throw new AssertionError("nothing was proposed");
      }

      @Override
      public boolean isExhausted() {
        return false;
      }

      @Override
      public byte[] snapshot() {
        return new byte[0];
      }

      @Override
      public void restore(byte[] snapshot) {}
    };
    LocalSearch search = LocalSearch.start(settings(5, 1), silent, new InMemoryJournal(),
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)), SearchListener.none());
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("the searcher proposed nothing with no trial running", state.finished().orElseThrow().reason());
    assertTrue(state.trials().isEmpty());
  }

  @Test
  void withPrefetchEveryTrialRunsOnceInWriteAheadOrder() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    SearchState state = run(settings(40, 2).withPrefetch(1), journal,
        new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 3), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 3));
    assertEquals(40, state.trials(TrialStatus.COMPLETED).size());
    Map<TrialId, List<String>> perTrial = new HashMap<>();
    for (Event e : journal.events()) {
      if (e instanceof Event.TrialProposed || e instanceof Event.TrialStarted || e instanceof Event.TrialCompleted) {
        TrialId trial = (TrialId) e.getClass().getRecordComponents()[0].getAccessor().invoke(e);
        perTrial.computeIfAbsent(trial, t -> new ArrayList<>()).add(e.getClass().getSimpleName());
      }
    }
    // A queued trial is journaled as started when its trainer begins it, once, before its result.
    perTrial.values().forEach(kinds -> assertEquals(List.of("TrialProposed", "TrialStarted", "TrialCompleted"), kinds));
  }

  @Test
  void withPrefetchAStopFailsTheRunningTrialsAndLeavesTheQueuedOnesUnstarted() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(100, 50).withPrefetch(1), RandomSearcher.of(new Nb201Space(), 1),
        journal, slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 20)), SearchListener.none());
    Thread.sleep(200);
    search.stop("interrupted by the user");
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("interrupted by the user", state.finished().orElseThrow().reason());
    // Trial 1 ran and was stopped; trial 2 waited in the trainer's queue and never began.
    assertEquals(2, state.trials().size());
    assertEquals("stopped", state.trials().get(0).failure().orElseThrow());
    assertEquals(TrialStatus.PROPOSED, state.trials().get(1).status());
  }

  @Test
  void withPrefetchAPauseDropsTheQueuedTrialAndTheResumedSearchTrainsEachOnce() throws Exception {
    SearchSettings settings = settings(12, 2).withPrefetch(1);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings, RandomSearcher.of(new Nb201Space(), 1), journal,
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 10)), SearchListener.none());
    Thread.sleep(100);
    search.pause("lunch");
    SearchState paused = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(paused.paused().isPresent());
    List<Event> atPause = journal.events();
    // Journaled once nothing ran and nothing was queued: no trial began after it.
    assertInstanceOf(Event.SearchPaused.class, atPause.get(atPause.size() - 1));
    long interrupted = paused.trials(TrialStatus.RUNNING).size();
    assertTrue(interrupted <= 1, paused.trials().toString());

    LocalSearch resumed = LocalSearch.resume(settings, RandomSearcher.of(new Nb201Space(), 1), new Nb201Space(),
        journal, slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 10)), SearchListener.none(), true,
        ConfigFactory.load());
    SearchState end = resumed.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(12, end.trials(TrialStatus.COMPLETED).size());
    // Each trial began once, but the one the pause interrupted, which began again after the resume.
    long begun = journal.events().stream().filter(Event.TrialStarted.class::isInstance).count();
    assertEquals(12 + interrupted, begun);
  }

  @Test
  void aTrainerOnAGpuThisJvmCannotUseStopsWithANoteAndTheOthersTrainOn() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    List<TrainerSlot> slots = List.of(
        new TrainerSlot("t0", Device.cpu(0), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)),
        new TrainerSlot("t1", new Device(Device.Kind.CUDA, 0), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)));
    LocalSearch search = LocalSearch.start(settings(5, 1), RandomSearcher.of(new Nb201Space(), 1), journal, slots,
        SearchListener.none());
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(5, state.trials(TrialStatus.COMPLETED).size());
    // The tests run ND4J's CPU backend: the in-JVM trainer cannot pin its thread to a GPU.
    assertTrue(state.notes().stream().anyMatch(n -> n.startsWith("trainer t1: device cuda:0 needs ND4J's CUDA backend")),
        state.notes().toString());
    assertTrue(journal.events().stream().noneMatch(e -> e instanceof Event.TrialStarted s && s.trainer().equals("t1")));
  }

  @Test
  void aTrainerWhoseCodeThrowsIsRestartedAndItsTrialRetried() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    ScriptedTrainer trainer = new ScriptedTrainer(ScriptedTrainer.Fault.FIRST_ATTEMPT_THROWS, 0);
    SearchState state = run(settings(3, 1), journal, trainer);
    assertEquals(3, state.trials(TrialStatus.COMPLETED).size());
    assertEquals(3, journal.events().stream().filter(e -> e instanceof Event.TrialFailed f && f.retryable()
        && f.cause().equals("IllegalStateException: CUDA error: an illegal memory access was encountered")).count());
    // The one trainer threw three times and trained on: supervision restarted it each time (an
    // actor that is not restarted stops, and the search would end with no trainer left), and a
    // restart keeps the actor's pinned thread, so the device affinity holds.
    assertEquals(1, trainer.threads.size(), trainer.threads.toString());
  }

  @Test
  void aHangingTrialIsFailedAtItsTimeLimitAndTheSearchGoesOn() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    ScriptedTrainer hanging = new ScriptedTrainer(ScriptedTrainer.Fault.TRIAL_1_HANGS, 0);
    LocalSearch search = LocalSearch.start(settings(6, 1).withTrialTimeLimit(Duration.ofMillis(300)),
        RandomSearcher.of(new Nb201Space(), 42), journal, slots(hanging, hanging), SearchListener.none(),
        ConfigFactory.parseString("nautilus.termination-grace = 1s").withFallback(ConfigFactory.load()));
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("exceeded its time limit of PT0.3S", state.trial(1).orElseThrow().failure().orElseThrow());
    assertEquals(5, state.trials(TrialStatus.COMPLETED).size());
    assertEquals("trial budget of 6 reached", state.finished().orElseThrow().reason());
  }

  @Test
  void aTimeLimitEndsATrialInsideItsEpochAndFreesTheOnlyTrainer() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    ScriptedTrainer slow = new ScriptedTrainer(ScriptedTrainer.Fault.TRIAL_1_MINUTE_EPOCHS, 0);
    // One trainer: trials 2 and 3 can only run once trial 1's minute-long epoch has ended, so the
    // search finishes within the timeout only if the time limit's stop reached the run inside it.
    SearchState state = run(settings(3, 1).withTrialTimeLimit(Duration.ofMillis(300)), journal, slow);
    assertEquals("exceeded its time limit of PT0.3S", state.trial(1).orElseThrow().failure().orElseThrow());
    assertEquals(2, state.trials(TrialStatus.COMPLETED).size());
    assertEquals("trial budget of 3 reached", state.finished().orElseThrow().reason());
  }

  /**
   * A random searcher whose {@code tell} throws on the given calls (counted from 1), and whose
   * {@code ask} throws for every trial after {@code askLimit}, as a bug that depends on the input would.
   */
  private static Searcher faulty(Set<Integer> throwingTells, int askLimit) {
    RandomSearcher inner = RandomSearcher.of(new Nb201Space(), 42);
    int[] tells = {0};
    return new Searcher() {
      @Override
      public Optional<Proposal> ask(TrialId trial) {
        if (trial.value() > askLimit) {
          throw new ArithmeticException("/ by zero");
        }
        return inner.ask(trial);
      }

      @Override
      public void tell(Outcome outcome) {
        if (throwingTells.contains(++tells[0])) {
          throw new IllegalStateException("bug in tell #" + tells[0]);
        }
        inner.tell(outcome);
      }

      @Override
      public boolean isExhausted() {
        return inner.isExhausted();
      }

      @Override
      public byte[] snapshot() {
        return inner.snapshot();
      }

      @Override
      public void restore(byte[] snapshot) {
        inner.restore(snapshot);
      }
    };
  }

  @Test
  void aSearcherThatThrowsOnceIsRestoredAndTheSearchGoesOn() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(8, 1), faulty(Set.of(3), Integer.MAX_VALUE), journal,
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)), SearchListener.none());
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 8 reached", state.finished().orElseThrow().reason());
    assertEquals(8, state.trials(TrialStatus.COMPLETED).size());
    assertEquals(List.of("the searcher threw while learning the outcome of trial 3: java.lang.IllegalStateException: "
        + "bug in tell #3; restored from its last snapshot and the calls since"),
        journal.events().stream().filter(Event.NoteAdded.class::isInstance).map(e -> ((Event.NoteAdded) e).text())
            .toList());
    // Restored and told again, it proposes what an untroubled searcher would have.
    InMemoryJournal clean = new InMemoryJournal();
    run(settings(8, 1), clean, new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0));
    assertEquals(candidates(clean), candidates(journal));
  }

  private static List<String> candidates(InMemoryJournal journal) {
    return journal.events().stream().filter(Event.TrialProposed.class::isInstance)
        .map(e -> ((Event.TrialProposed) e).candidate()).toList();
  }

  @Test
  void aSearcherThatKeepsThrowingEndsTheSearchWithAClearReason() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(8, 1), faulty(Set.of(), 4), journal,
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)), SearchListener.none());
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(4, state.trials(TrialStatus.COMPLETED).size());
    assertEquals("the searcher failed 3 time(s) in a row: the searcher threw while proposing trial 5: "
        + "java.lang.ArithmeticException: / by zero", state.finished().orElseThrow().reason());
  }

  @Test
  void ashaStopsTrialsAtItsRungsAndTheSearcherLearnsThemAsPruned() throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    List<Outcome> told = new ArrayList<>();
    RandomSearcher random = RandomSearcher.of(new Nb201Space(), 42);
    Searcher recording = new Searcher() {
      @Override
      public Optional<Proposal> ask(TrialId trial) {
        return random.ask(trial);
      }

      @Override
      public void tell(Outcome outcome) {
        told.add(outcome);
        random.tell(outcome);
      }

      @Override
      public boolean isExhausted() {
        return random.isExhausted();
      }

      @Override
      public byte[] snapshot() {
        return random.snapshot();
      }

      @Override
      public void restore(byte[] snapshot) {
        random.restore(snapshot);
      }
    };
    SearchSettings settings = settings(30, 9).withScheduler(org.nautilus.nas.schedule.SchedulerConfig.of("asha"));
    LocalSearch search = LocalSearch.start(settings, recording, journal,
        slots(new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 0)), SearchListener.none());
    SearchState state = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 30 reached", state.finished().orElseThrow().reason());

    List<Event.TrialPruned> pruned = journal.events().stream().filter(Event.TrialPruned.class::isInstance)
        .map(e -> (Event.TrialPruned) e).toList();
    assertTrue(pruned.size() >= 10, "ASHA with reduction 3 stops most trials: " + pruned.size());
    for (Event.TrialPruned p : pruned) {
      assertTrue(p.epoch() == 1 && p.rung() == 0 || p.epoch() == 3 && p.rung() == 1, p.toString());
      long reports = journal.events().stream().filter(e -> e instanceof Event.EpochReported r
          && r.trial().equals(p.trial())).count();
      assertEquals(p.epoch(), reports, "no report journaled after the stop: " + p);
      assertTrue(journal.events().stream().noneMatch(e -> e instanceof Event.TrialCompleted c
          && c.trial().equals(p.trial())));
      assertTrue(told.stream().anyMatch(o -> o instanceof Outcome.Pruned op && op.trial().equals(p.trial())
          && op.rung() == p.rung() && op.objective() > 0));
    }
    assertEquals(30, told.size(), "every trial's outcome reached the searcher once");
    assertEquals(30 - pruned.size(), state.trials(TrialStatus.COMPLETED).size());
  }
}
