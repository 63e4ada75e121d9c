package org.nautilus.actors.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
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

  /**
   * Proposes a cell that depends on its salt, the trial id it is asked for and how many outcomes it
   * has been told, so a replay that calls it in another order proposes something else. Asks wait for
   * {@code gate}, then think {@code thinkMillis}.
   */
  private static final class Member implements Searcher {
    private final long salt;
    private final boolean quick;
    private final CountDownLatch gate;
    private final long thinkMillis;
    private final Set<Long> proposed = new HashSet<>();
    private int told;

    Member(long salt, boolean quick, CountDownLatch gate, long thinkMillis) {
      this.salt = salt;
      this.quick = quick;
      this.gate = gate;
      this.thinkMillis = thinkMillis;
    }

    static Member quick(long salt) {
      return new Member(salt, true, new CountDownLatch(0), 0);
    }

    static Member slow(long salt, long thinkMillis) {
      return new Member(salt, false, new CountDownLatch(0), thinkMillis);
    }

    @Override
    public Optional<Proposal> ask(TrialId trial) {
      if (proposed.contains(trial.value())) {
        throw new IllegalArgumentException("trial " + trial.value() + " was already asked for");
      }
      try {
        gate.await();
        Thread.sleep(thinkMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      proposed.add(trial.value());
      long h = (trial.value() * 0x9E3779B97F4A7C15L) ^ (told * 0xC2B2AE3D27D4EB4FL) ^ salt;
      h ^= h >>> 29;
      int[] decisions = new int[6];
      for (int i = 0; i < decisions.length; i++) {
        decisions[i] = (int) Long.remainderUnsigned(h >>> (5 * i), 5);
      }
      return Optional.of(new Proposal(trial, SPACE.fromDecisions(decisions)));
    }

    @Override
    public void tell(Outcome outcome) {
      if (!proposed.contains(outcome.trial().value())) {
        throw new IllegalArgumentException("trial " + outcome.trial().value() + " was never proposed");
      }
      told++;
    }

    @Override
    public boolean isExhausted() {
      return false;
    }

    @Override
    public byte[] snapshot() {
      return ByteBuffer.allocate(4).putInt(told).array();
    }

    @Override
    public void restore(byte[] snapshot) {
      told = ByteBuffer.wrap(snapshot).getInt();
    }

    @Override
    public boolean isQuick() {
      return quick;
    }
  }

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
    Member slow = new Member(1, false, gate, 0);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch search = LocalSearch.start(settings(30), portfolio(slow, Member.quick(2)), journal, trainers(2),
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
    LocalSearch.start(settings, portfolio(Member.slow(1, 20), Member.quick(2)), journal, trainers(3),
        SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<Event> events = journal.events();
    assertTrue(events.stream().anyMatch(Event.MemberAsked.class::isInstance), "no outcome came while asking");
    assertEquals(Set.of("slow", "quick"), proposalsByMember(events).keySet());

    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings,
        portfolio(Member.slow(1, 0), Member.quick(2)), SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(40, recovered.ledger().proposedCount());

    InMemoryJournal withoutAsked = new InMemoryJournal();
    events.stream().filter(e -> !(e instanceof Event.MemberAsked)).forEach(withoutAsked::append);
    assertThrows(ResumeException.class, () -> SearchRecovery.replay(withoutAsked, settings,
        portfolio(Member.slow(1, 0), Member.quick(2)), SPACE, true));
  }

  @Test
  void aCandidateAnotherMemberProposedIsRefusedJournaledAndReplayed() throws Exception {
    // Both members propose the same cells for the same ids and outcome counts: many clash.
    SearchSettings settings = settings(30);
    InMemoryJournal journal = new InMemoryJournal();
    SearchState end = LocalSearch.start(settings, portfolio(Member.slow(7, 2), Member.quick(7)), journal,
        trainers(2), SearchListener.none()).result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("trial budget of 30 reached", end.finished().orElseThrow().reason());
    List<Event> events = journal.events();
    assertTrue(events.stream().anyMatch(Event.ProposalRefused.class::isInstance), "no clash happened");
    assertEquals(30, end.trials().stream().map(t -> t.candidate()).distinct().count(), "a candidate ran twice");
    SearchRecovery.Recovered recovered = SearchRecovery.replay(journal, settings,
        portfolio(Member.slow(7, 0), Member.quick(7)), SPACE, true);
    assertTrue(recovered.mismatches().isEmpty());
    assertEquals(30, recovered.ledger().proposedCount());
  }

  @Test
  void aMemberQuestionJournaledButNotItsAnswerIsTheNextTrialAfterAResume() throws Exception {
    SearchSettings settings = settings(40);
    InMemoryJournal journal = new InMemoryJournal();
    LocalSearch.start(settings, portfolio(Member.slow(1, 20), Member.quick(2)), journal, trainers(3),
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
    SearchState end = LocalSearch.resume(settings, portfolio(Member.slow(1, 0), Member.quick(2)), SPACE, cut,
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
    LocalSearch.start(settings, portfolio(Member.slow(1, 3), Member.quick(2)), journal, slots, SearchListener.none())
        .result().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return journal.events().stream().filter(e -> e instanceof Event.TrialProposed || e instanceof Event.TrialStarted
        || e instanceof Event.TrialCompleted).map(e -> e instanceof Event.TrialCompleted c
            ? "completed " + c.trial().value() : e.toString()).toList();
  }

  @Test
  void aPortfolioOfQuickMembersStaysOneSearcher() {
    assertFalse(SearchSupervisor.asynchronous(PortfolioSearcher.of(SPACE, List.of(
        new PortfolioSearcher.Member("a", Member.quick(1), 1), new PortfolioSearcher.Member("b", Member.quick(2), 1)),
        PortfolioSearcher.Policy.WEIGHTS, Direction.MAXIMIZE)));
    assertTrue(SearchSupervisor.asynchronous(portfolio(Member.slow(1, 0), Member.quick(2))));
  }
}
