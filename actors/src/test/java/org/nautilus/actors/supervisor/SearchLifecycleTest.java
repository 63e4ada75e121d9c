package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.tabular.TabularTrainer;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.bench.SyntheticNb201Table;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.evolution.EvolutionConfig;
import org.nautilus.nas.search.evolution.RegularizedEvolutionSearcher;
import org.nautilus.nas.space.Nb201Space;

/**
 * The supervisor on a virtual clock over a tabular trainer: reproducible runs, pause / resume /
 * status / subscribe through its protocol, resume from a journal by re-derivation, and budgets.
 */
class SearchLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final TabularBenchmark TABLE = SyntheticNb201Table.benchmark(5);
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static SearchSettings settings(SearchBudget budget, long seed) {
    return new SearchSettings("{}", "evolution", budget, 1, seed, SyntheticNb201Table.VALID_ACC,
        Direction.MAXIMIZE, Optional.of(SyntheticNb201Table.TRAIN_TIME), 1, 5);
  }

  private static Searcher searcher(long seed) {
    return RegularizedEvolutionSearcher.of(new Nb201Space(), EvolutionConfig.of(10, 3), Direction.MAXIMIZE, seed);
  }

  private static List<TrainerSlot> workers(int n) {
    TabularTrainer trainer = new TabularTrainer(TABLE);
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slots.add(new TrainerSlot("w" + i, Device.cpu(i), trainer));
    }
    return slots;
  }

  private static List<Event> run(SearchSettings settings, InMemoryJournal journal, int workers) throws Exception {
    LocalSearch search = LocalSearch.start(settings, searcher(settings.seed()), journal, workers(workers),
        SearchListener.none());
    search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return journal.events();
  }

  @Test
  void aVirtualClockMakesFourConcurrentWorkersReproducibleEventForEvent() throws Exception {
    SearchSettings settings = settings(SearchBudget.ofTrials(120), 3);
    List<Event> first = run(settings, new InMemoryJournal(), 4);
    List<Event> second = run(settings, new InMemoryJournal(), 4);
    assertEquals(first, second);
    // Outcomes reach the searcher in virtual-time order, not proposal order: with 4 workers some
    // trial completes before one proposed earlier.
    List<Long> completed = first.stream().filter(Event.TrialCompleted.class::isInstance)
        .map(e -> ((Event.TrialCompleted) e).trial().value()).toList();
    assertTrue(completed.stream().sorted().toList().equals(completed) == false, "completion order " + completed);
    assertEquals(120, completed.size());
  }

  @Test
  void pauseStatusResumeAndSubscribeThroughTheProtocol() throws Exception {
    SearchSettings settings = settings(SearchBudget.ofTrials(200), 9);
    List<Event> uninterrupted = run(settings, new InMemoryJournal(), 3);

    InMemoryJournal journal = new InMemoryJournal();
    CompletableFuture<SearchState> done = new CompletableFuture<>();
    ActorRef<SearchSupervisor.Command> supervisor = KIT.spawn(SearchSupervisor.create(settings, searcher(9), journal,
        workers(3), SearchListener.none(), done));
    TestProbe<Envelope> events = KIT.createTestProbe();
    supervisor.tell(new SearchSupervisor.Subscribe(events.getRef()));
    TestProbe<SearchSupervisor.Paused> paused = KIT.createTestProbe();
    supervisor.tell(new SearchSupervisor.Pause("lunch", paused.getRef()));
    SearchState atPause = paused.expectMessageClass(SearchSupervisor.Paused.class, TIMEOUT).state();
    assertTrue(atPause.finished().isEmpty());

    TestProbe<SearchSupervisor.Status> status = KIT.createTestProbe();
    supervisor.tell(new SearchSupervisor.GetStatus(status.getRef()));
    SearchSupervisor.Status paused1 = status.expectMessageClass(SearchSupervisor.Status.class, TIMEOUT);
    assertEquals("paused", paused1.phase());
    assertEquals(0, paused1.running());
    long proposedAtPause = paused1.proposed();
    int journaledAtPause = journal.events().size();
    Thread.sleep(100);
    assertEquals(journaledAtPause, journal.events().size(), "a paused search journals nothing");

    supervisor.tell(SearchSupervisor.Resume.INSTANCE);
    SearchState end = done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 200 reached", end.finished().orElseThrow().reason());
    assertTrue(proposedAtPause < 200);
    // Interrupted trials were trained again after the resume, so the search went on exactly as if
    // it had never paused.
    assertEquals(onlyOutcomesAndProposals(uninterrupted), onlyOutcomesAndProposals(journal.events()));
    // The subscriber saw every event journaled after it subscribed, in order, pause and resume included.
    List<Event> seen = new ArrayList<>();
    do {
      seen.add(events.expectMessageClass(Envelope.class, TIMEOUT).event());
    } while (!(seen.get(seen.size() - 1) instanceof Event.SearchFinished));
    List<Event> all = journal.events();
    assertEquals(all.subList(all.size() - seen.size(), all.size()), seen);
    assertTrue(seen.contains(new Event.SearchPaused("lunch")), seen.toString());
    assertTrue(seen.stream().anyMatch(Event.SearchResumed.class::isInstance));
  }

  private static List<Event> onlyOutcomesAndProposals(List<Event> events) {
    return events.stream().filter(e -> e instanceof Event.TrialProposed || e instanceof Event.TrialCompleted
        || e instanceof Event.TrialFailed || e instanceof Event.SearchFinished).toList();
  }

  @Test
  void aJournalResumedByAFreshSupervisorContinuesExactly() throws Exception {
    SearchSettings settings = settings(SearchBudget.ofTrials(150), 4);
    List<Event> uninterrupted = run(settings, new InMemoryJournal(), 2);
    for (int cut : new int[] {7, 101, 333}) {
      // A journal cut after `cut` events is what a process killed at that moment leaves behind.
      InMemoryJournal journal = new InMemoryJournal();
      uninterrupted.subList(0, cut).forEach(journal::append);
      LocalSearch resumed = LocalSearch.resume(settings, searcher(4), new Nb201Space(), journal, workers(2),
          SearchListener.none(), true, ConfigFactory.load());
      SearchState end = resumed.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertEquals("trial budget of 150 reached", end.finished().orElseThrow().reason());
      assertEquals(onlyOutcomesAndProposals(uninterrupted), onlyOutcomesAndProposals(journal.events()), "cut " + cut);
    }
  }

  @Test
  void aSearcherThatNoLongerProposesTheJournaledCandidatesIsRefusedNamingTheTrial() throws Exception {
    SearchSettings settings = settings(SearchBudget.ofTrials(30), 4);
    InMemoryJournal journal = new InMemoryJournal();
    run(settings, journal, 1);
    InMemoryJournal unfinished = new InMemoryJournal();
    journal.events().subList(0, 20).forEach(unfinished::append);
    ResumeException e = assertThrows(ResumeException.class, () -> LocalSearch.resume(settings, searcher(5),
        new Nb201Space(), unfinished, workers(1), SearchListener.none(), true, ConfigFactory.load()));
    assertTrue(e.getMessage().contains(": trial 1 was journaled as |"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(--no-verify resumes anyway)"), e.getMessage());

    // Without verification it resumes, training the journaled candidates, and notes each mismatch.
    LocalSearch resumed = LocalSearch.resume(settings, searcher(5), new Nb201Space(), unfinished, workers(1),
        SearchListener.none(), false, ConfigFactory.load());
    SearchState end = resumed.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 30 reached", end.finished().orElseThrow().reason());
    assertTrue(unfinished.events().stream().anyMatch(ev -> ev instanceof Event.NoteAdded n
        && n.text().startsWith("resumed without verification: trial 1 was journaled as")));
  }

  @Test
  void aFinishedSearchIsNotResumed() throws Exception {
    SearchSettings settings = settings(SearchBudget.ofTrials(10), 4);
    InMemoryJournal journal = new InMemoryJournal();
    run(settings, journal, 1);
    ResumeException e = assertThrows(ResumeException.class, () -> LocalSearch.resume(settings, searcher(4),
        new Nb201Space(), journal, workers(1), SearchListener.none(), true, ConfigFactory.load()));
    assertTrue(e.getMessage().endsWith("already finished (trial budget of 10 reached); there is nothing to resume"),
        e.getMessage());
  }

  @Test
  void costAndTargetBudgetsStopProposing() throws Exception {
    SearchBudget cost = new SearchBudget(Long.MAX_VALUE, Optional.empty(), OptionalDouble.of(5_000),
        OptionalDouble.empty());
    List<Event> byCost = run(settings(cost, 1), new InMemoryJournal(), 1);
    double spent = byCost.stream().filter(Event.TrialCompleted.class::isInstance)
        .mapToDouble(e -> ((Event.TrialCompleted) e).costSeconds()).sum();
    double last = byCost.stream().filter(Event.TrialCompleted.class::isInstance)
        .mapToDouble(e -> ((Event.TrialCompleted) e).costSeconds()).reduce((a, b) -> b).orElseThrow();
    assertTrue(spent >= 5_000 && spent - last < 5_000, "spent " + spent + ", last trial cost " + last);
    assertEquals(new Event.SearchFinished("cost budget of 5000 s reached"), byCost.get(byCost.size() - 1));

    double target = 75;
    SearchBudget byTarget = new SearchBudget(10_000, Optional.empty(), OptionalDouble.empty(), OptionalDouble.of(target));
    List<Event> events = run(settings(byTarget, 1), new InMemoryJournal(), 1);
    List<Double> objectives = events.stream().filter(Event.TrialCompleted.class::isInstance)
        .map(e -> ((Event.TrialCompleted) e).metrics().get(SyntheticNb201Table.VALID_ACC)).toList();
    assertTrue(objectives.get(objectives.size() - 1) >= target, objectives.toString());
    assertTrue(objectives.subList(0, objectives.size() - 1).stream().allMatch(v -> v < target));
    assertEquals(new Event.SearchFinished("target 75.0 reached"), events.get(events.size() - 1));
  }
}
