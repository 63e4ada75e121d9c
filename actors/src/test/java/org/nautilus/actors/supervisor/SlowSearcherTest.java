package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Space;

/**
 * A searcher that takes its time runs on its own actor: the supervisor keeps journaling results and
 * answering while it thinks, and the journal keeps the order in which the searcher was called, so a
 * resume re-derives the same proposals.
 */
class SlowSearcherTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Nb201Space SPACE = new Nb201Space();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static SearchSettings settings(int trials) {
    return new SearchSettings("{}", "order-sensitive", trials, 1, 7, "val_accuracy", 2, 3);
  }

  private static List<TrainerSlot> trainers(int n) {
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slots.add(new TrainerSlot("t" + i, Device.cpu(i), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 5)));
    }
    return slots;
  }

  @Test
  void resultsAreJournaledAndStatusAnsweredWhileTheSearcherThinks() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    InMemoryJournal journal = new InMemoryJournal();
    CompletableFuture<SearchState> done = new CompletableFuture<>();
    ActorRef<SearchSupervisor.Command> supervisor = KIT.spawn(SearchSupervisor.create(settings(4),
        new OrderSensitiveSearcher(2, gate, 0), journal, trainers(2), SearchListener.none(), done));
    TestProbe<Envelope> events = KIT.createTestProbe();
    supervisor.tell(new SearchSupervisor.Subscribe(events.getRef()));

    // Trial 1 is proposed at once; the question for trial 2 waits at the gate while trial 1 trains
    // and completes. Its result is journaled (after SearcherAsked) and status is answered meanwhile.
    events.fishForMessage(TIMEOUT, e -> e.event() instanceof Event.TrialCompleted
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    TestProbe<SearchSupervisor.Status> status = KIT.createTestProbe();
    supervisor.tell(new SearchSupervisor.GetStatus(status.getRef()));
    SearchSupervisor.Status during = status.expectMessageClass(SearchSupervisor.Status.class, TIMEOUT);
    assertEquals(1, during.proposed());
    assertEquals(1, during.ended());
    assertFalse(done.isDone());
    List<Event> whileThinking = journal.events();
    assertEquals(new Event.SearcherAsked(TrialId.of(2)), whileThinking.get(whileThinking.size() - 2));
    assertTrue(whileThinking.get(whileThinking.size() - 1) instanceof Event.TrialCompleted c
        && c.trial().equals(TrialId.of(1)), whileThinking.toString());

    gate.countDown();
    SearchState end = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 4 reached", end.finished().orElseThrow().reason());
    assertEquals(4, end.trials().size());
  }

  /** With prefetch, one question often asks for several trials, which a replay must ask for together. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aResumeCallsTheSearcherInTheJournaledOrderAndNeedsTheAskedEventsToDoSo(int prefetch) throws Exception {
    // Three trainers of 5 ms trials and a searcher that thinks 20 ms: results arrive while it thinks.
    SearchSettings settings = settings(24).withPrefetch(prefetch);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings, new OrderSensitiveSearcher(4, new CountDownLatch(0), 20), journal,
        trainers(3), SearchListener.none());
    search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<Event> events = journal.events();
    assertTrue(events.stream().anyMatch(Event.SearcherAsked.class::isInstance), "no result came while asking");

    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings, OrderSensitiveSearcher.fast(),
        SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(24, recovered.ledger().proposedCount());

    // Without the asked events a replay tells those outcomes before the question, and the searcher,
    // which depends on that order, proposes other cells: the events are what makes the replay exact.
    InMemoryJournal withoutAsked = new InMemoryJournal();
    events.stream().filter(e -> !(e instanceof Event.SearcherAsked)).forEach(withoutAsked::append);
    assertThrows(ResumeException.class, () -> SearchRecovery.replay(withoutAsked, settings,
        OrderSensitiveSearcher.fast(), SPACE, true));
  }

  /**
   * A quick searcher is called on the supervisor's thread, any other on the searcher dispatcher's; either
   * way the journal keeps the order of the calls and a replay re-derives every proposal.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aQuickSearcherIsCalledOnTheSupervisorsThreadAndReplaysExactly(boolean quick) throws Exception {
    SearchSettings settings = settings(24).withPrefetch(1);
    InMemoryJournal journal = new InMemoryJournal();
    OrderSensitiveSearcher searcher = OrderSensitiveSearcher.fast();
    searcher.quick = quick;
    LocalSearch.start(settings, searcher, journal, trainers(3), SearchListener.none())
        .result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(quick ? Set.of("nautilus-pekko.actor.default-dispatcher") : Set.of(
        "nautilus-nautilus.searcher-dispatcher"), searcher.threads);
    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings, OrderSensitiveSearcher.fast(),
        SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(24, recovered.ledger().proposedCount());
  }

  /**
   * A searcher that throws where the fault policy does not guard (here {@code isExhausted()}) is lost:
   * its actor stops, or its inline host gives up, and either way the search ends with a reason once the
   * running trials end, instead of the supervisor failing.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSearcherLostOutsideTheFaultPolicyEndsTheSearchWithAReason(boolean quick) throws Exception {
    Searcher failing = new Searcher() {
      private final Set<Long> asked = new HashSet<>();

      @Override
      public Optional<Proposal> ask(TrialId trial) {
        asked.add(trial.value());
        return trial.value() > 3 ? Optional.empty() : Optional.of(new Proposal(trial, SPACE.fromDecisions(
            new int[] {(int) trial.value(), 0, 1, 2, 3, 4})));
      }

      @Override
      public void tell(Outcome outcome) {}

      @Override
      public boolean isExhausted() {
        throw new IllegalStateException("exhaustion unknown");
      }

      @Override
      public byte[] snapshot() {
        return new byte[0];
      }

      @Override
      public void restore(byte[] snapshot) {}

      @Override
      public boolean isQuick() {
        return quick;
      }
    };
    InMemoryJournal journal = new InMemoryJournal();
    SearchState end = LocalSearch.start(settings(10), failing, journal, trainers(2), SearchListener.none())
        .result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(quick ? "the searcher failed: java.lang.IllegalStateException: exhaustion unknown"
        : "the searcher's actor stopped", end.finished().orElseThrow().reason());
    assertEquals(3, journal.events().stream().filter(Event.TrialCompleted.class::isInstance).count(),
        "the trials proposed before ran to their end");
  }

  @Test
  void aQuestionJournaledAsAskedButNeverAnsweredInTheJournalIsTheNextTrialAfterAResume() throws Exception {
    SearchSettings settings = settings(24);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch.start(settings, new OrderSensitiveSearcher(4, new CountDownLatch(0), 20), journal, trainers(3),
        SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<Event> events = journal.events();
    int asked = 0;
    while (!(events.get(asked) instanceof Event.SearcherAsked)) {
      asked++;
    }
    TrialId trial = ((Event.SearcherAsked) events.get(asked)).trial();
    Event.TrialProposed proposed = events.stream().filter(Event.TrialProposed.class::isInstance)
        .map(Event.TrialProposed.class::cast).filter(p -> p.trial().equals(trial)).findFirst().orElseThrow();

    // The process died right after journaling the question: its answer was lost with it.
    InMemoryJournal cut = new InMemoryJournal();
    events.subList(0, asked + 1).forEach(cut::append);
    LocalSearch resumed = LocalSearch.resume(settings, OrderSensitiveSearcher.fast(), SPACE, cut, trainers(3),
        SearchListener.none(), true, ConfigFactory.load());
    SearchState end = resumed.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 24 reached", end.finished().orElseThrow().reason());
    // The replayed question's answer became the trial: the same cell as before the cut, and the
    // searcher was not asked for the same trial twice (it would have thrown, a fault in the notes).
    assertEquals(proposed.candidate(), end.trials().get((int) trial.value() - 1).candidate());
    assertTrue(end.notes().stream().noneMatch(n -> n.contains("threw")), end.notes().toString());
  }
}
