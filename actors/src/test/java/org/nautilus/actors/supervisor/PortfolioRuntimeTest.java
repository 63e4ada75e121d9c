package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.api.SearchListener;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.Direction;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.portfolio.PortfolioSearcher;
import org.nautilus.nas.space.Nb201Space;

/**
 * A portfolio with a slow member runs each member on its own: the quick members keep the trainers busy
 * while the slow one thinks, no candidate is trained twice, and the journal records every member's
 * calls in order, so a replay re-derives every proposal and refusal.
 */
class PortfolioRuntimeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Nb201Space SPACE = new Nb201Space();

  private static PortfolioSearcher portfolio(Searcher slow, Searcher quick) {
    return PortfolioSearcher.of(SPACE, List.of(new PortfolioSearcher.Member("slow", slow, 1),
        new PortfolioSearcher.Member("quick", quick, 1)), PortfolioSearcher.Policy.WEIGHTS, Direction.MAXIMIZE);
  }

  private static SearchSettings settings(int trials) {
    return new SearchSettings("{}", "portfolio", trials, 1, 7, "val_accuracy", 2, 3);
  }

  private static List<TrainerSlot> trainers(int n) {
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slots.add(new TrainerSlot("t" + i, Device.cpu(i), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 5)));
    }
    return slots;
  }

  private static Map<String, Long> proposalsByMember(List<Event> events) {
    return events.stream().filter(Event.TrialProposed.class::isInstance).map(Event.TrialProposed.class::cast)
        .collect(Collectors.groupingBy(Event.TrialProposed::searcher, Collectors.counting()));
  }

  @Test
  void theQuickMemberKeepsTheTrainersBusyWhileTheSlowOneThinks() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    OrderSensitiveSearcher slow = new OrderSensitiveSearcher(1, 0, gate, 0);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(30), portfolio(slow, OrderSensitiveSearcher.quick(2)), journal, trainers(2),
        SearchListener.none());
    // The slow member's first question waits at the gate; meanwhile the quick member's trials run.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (journal.events().stream().filter(Event.TrialCompleted.class::isInstance).count() < 10) {
      assertTrue(System.nanoTime() < deadline, "the quick member's trials did not run: " + journal.events());
      Thread.sleep(10);
    }
    assertEquals(Map.of("quick", proposalsByMember(journal.events()).get("quick")),
        proposalsByMember(journal.events()), "only the quick member proposed while the slow one was held");
    gate.countDown();
    SearchState end = search.result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 30 reached", end.finished().orElseThrow().reason());
    Map<String, Long> byMember = proposalsByMember(journal.events());
    assertTrue(byMember.getOrDefault("slow", 0L) >= 1, byMember.toString());
    assertEquals(30, byMember.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(30, end.trials().stream().map(t -> t.candidate()).distinct().count(), "a candidate ran twice");
  }

  @Test
  void aReplayCallsEachMemberInTheJournaledOrderAndNeedsTheMemberAskedEventsToDoSo() throws Exception {
    // Three trainers of 5 ms trials and a member that thinks 20 ms: its trials end while it thinks.
    SearchSettings settings = settings(40);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch.start(settings, portfolio(OrderSensitiveSearcher.slow(1, 20), OrderSensitiveSearcher.quick(2)), journal, trainers(3),
        SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<Event> events = journal.events();
    assertTrue(events.stream().anyMatch(Event.MemberAsked.class::isInstance), "no outcome came while asking");
    assertEquals(Set.of("slow", "quick"), proposalsByMember(events).keySet());

    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings,
        portfolio(OrderSensitiveSearcher.slow(1, 0), OrderSensitiveSearcher.quick(2)), SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(40, recovered.ledger().proposedCount());

    InMemoryJournal withoutAsked = new InMemoryJournal();
    events.stream().filter(e -> !(e instanceof Event.MemberAsked)).forEach(withoutAsked::append);
    assertThrows(ResumeException.class, () -> SearchRecovery.replay(withoutAsked, settings,
        portfolio(OrderSensitiveSearcher.slow(1, 0), OrderSensitiveSearcher.quick(2)), SPACE, true));
  }

  @Test
  void aCandidateAnotherMemberProposedIsRefusedJournaledAndReplayed() throws Exception {
    // Both members propose the same cells for the same ids and outcome counts: many clash.
    SearchSettings settings = settings(30);
    InMemoryJournal journal = new InMemoryJournal();
    SearchState end = LocalSearch.start(settings, portfolio(OrderSensitiveSearcher.slow(7, 2), OrderSensitiveSearcher.quick(7)), journal,
        trainers(2), SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 30 reached", end.finished().orElseThrow().reason());
    List<Event> events = journal.events();
    assertTrue(events.stream().anyMatch(Event.ProposalRefused.class::isInstance), "no clash happened");
    assertEquals(30, end.trials().stream().map(t -> t.candidate()).distinct().count(), "a candidate ran twice");
    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings,
        portfolio(OrderSensitiveSearcher.slow(7, 0), OrderSensitiveSearcher.quick(7)), SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(30, recovered.ledger().proposedCount());
  }

  @Test
  void aMemberQuestionJournaledButNotItsAnswerIsTheNextTrialAfterAResume() throws Exception {
    SearchSettings settings = settings(40);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch.start(settings, portfolio(OrderSensitiveSearcher.slow(1, 20), OrderSensitiveSearcher.quick(2)), journal, trainers(3),
        SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<Event> events = journal.events();
    int asked = 0;
    while (!(events.get(asked) instanceof Event.MemberAsked a && a.member().equals("slow"))) {
      asked++;
    }
    // The slow member's answer to that question: its next proposal journaled after the marker.
    Event.TrialProposed answer = events.subList(asked, events.size()).stream()
        .filter(Event.TrialProposed.class::isInstance).map(Event.TrialProposed.class::cast)
        .filter(p -> p.searcher().equals("slow")).findFirst().orElseThrow();

    // The process died right after journaling the question: the answer was lost with it.
    InMemoryJournal cut = new InMemoryJournal();
    events.subList(0, asked + 1).forEach(cut::append);
    long proposedBefore = cut.events().stream().filter(Event.TrialProposed.class::isInstance).count();
    SearchState end = LocalSearch.resume(settings, portfolio(OrderSensitiveSearcher.slow(1, 0), OrderSensitiveSearcher.quick(2)), SPACE, cut,
        trainers(3), SearchListener.none(), true, ConfigFactory.load())
        .result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 40 reached", end.finished().orElseThrow().reason());
    // The replayed answer became the next trial, and no member was asked for an id twice (it would
    // have thrown: a fault in the notes).
    var next = end.trials().get((int) proposedBefore);
    assertEquals(answer.candidate(), next.candidate());
    assertEquals("slow", next.searcher());
    assertTrue(end.notes().stream().noneMatch(n -> n.contains("threw")), end.notes().toString());
  }

  @Test
  void underAVirtualClockTheRunIsAFunctionOfTheSeed() throws Exception {
    // The cost of a trial in virtual seconds is its accuracy, which differs from cell to cell.
    SearchSettings settings = new SearchSettings("{}", "portfolio", SearchBudget.ofTrials(30), 1, 7, "val_accuracy",
        Direction.MAXIMIZE, Optional.of("val_accuracy"), 2, 3);
    List<String> first = runVirtual(settings);
    List<String> second = runVirtual(settings);
    assertEquals(first, second);
    assertTrue(first.stream().anyMatch(s -> s.contains("slow")) && first.stream().anyMatch(s -> s.contains("quick")));
  }

  private static List<String> runVirtual(SearchSettings settings) throws Exception {
    InMemoryJournal journal = new InMemoryJournal();
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      slots.add(new TrainerSlot("t" + i, Device.cpu(i), new ScriptedTrainer(ScriptedTrainer.Fault.NONE, 1)));
    }
    LocalSearch.start(settings, portfolio(OrderSensitiveSearcher.slow(1, 3), OrderSensitiveSearcher.quick(2)), journal, slots, SearchListener.none())
        .result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return journal.events().stream().filter(e -> e instanceof Event.TrialProposed || e instanceof Event.TrialStarted
        || e instanceof Event.TrialCompleted).map(e -> e instanceof Event.TrialCompleted c
            ? "completed " + c.trial().value() : e.toString()).toList();
  }

  @Test
  void aPortfolioOfQuickMembersStaysOneSearcher() {
    assertFalse(SearchSupervisor.asynchronous(PortfolioSearcher.of(SPACE, List.of(
        new PortfolioSearcher.Member("a", OrderSensitiveSearcher.quick(1), 1), new PortfolioSearcher.Member("b", OrderSensitiveSearcher.quick(2), 1)),
        PortfolioSearcher.Policy.WEIGHTS, Direction.MAXIMIZE)));
    assertTrue(SearchSupervisor.asynchronous(portfolio(OrderSensitiveSearcher.slow(1, 0), OrderSensitiveSearcher.quick(2))));
  }
}
