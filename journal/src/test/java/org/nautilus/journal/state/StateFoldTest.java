package org.nautilus.journal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

/** The fold of schema-2 events, the incumbent and learning curves, the trial index and the state's bytes. */
class StateFoldTest {
  private static final Instant AT = Instant.parse("2025-03-14T01:59:26Z");

  /** The realistic search, then a pruned trial, two snapshots of one searcher, a pause, a resume and notes. */
  static List<Envelope> search() {
    List<Event> events = new ArrayList<>(EventSamples.realisticSearch().subList(0, 9));
    events.add(new Event.TrialProposed(TrialId.of(3), "evolution", EventSamples.CELL_B, 12));
    events.add(new Event.TrialStarted(TrialId.of(3), "gpu-trainer", "node-b", "cuda:1", 1));
    events.add(new Event.EpochReported(TrialId.of(3), 1, Map.of("loss", 2.5, "val_acc", 0.3)));
    events.add(new Event.TrialPruned(TrialId.of(3), 1, 0));
    events.add(new Event.SearcherSnapshotted("random", 1, new byte[] {1, 2, 3}));
    events.add(new Event.SearchPaused("operator asked"));
    events.add(new Event.NoteAdded("looks promising"));
    events.add(new Event.SearcherSnapshotted("random", 3, new byte[] {4, 5}));
    events.add(new Event.SearchResumed("0.2.0"));
    events.add(new Event.TrialProposed(TrialId.of(4), "random", EventSamples.CELL_A, 12));
    events.add(new Event.TrialStarted(TrialId.of(4), "tabular", "local", "cpu:0", 1));
    events.add(new Event.EpochReported(TrialId.of(4), 1, Map.of("loss", 0.5, "val_acc", 0.80)));
    events.add(new Event.TrialCompleted(TrialId.of(4), Map.of("val_acc", 0.80, "test_acc", 0.79), 3.0));
    events.add(new Event.NoteAdded("second note"));
    List<Envelope> envelopes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      envelopes.add(new Envelope(i + 1, 2, AT.plusSeconds(i), events.get(i)));
    }
    return envelopes;
  }

  @Test
  void schemaTwoEventsFoldIntoTheState() {
    SearchState state = SearchState.of(search());
    assertEquals(search().size(), state.lastSeq());
    assertEquals(search().size(), state.events());
    TrialRecord pruned = state.trial(3).orElseThrow();
    assertEquals(TrialStatus.PRUNED, pruned.status());
    assertEquals(Optional.of("node-b"), pruned.node());
    assertEquals(Optional.of("pruned after epoch 1 at rung 0"), pruned.failure());
    assertEquals(1, pruned.curve().size());
    assertEquals(List.of("random"), List.copyOf(state.searcherSnapshots().keySet()));
    assertArrayEquals(new byte[] {4, 5}, state.searcherSnapshots().get("random").state(), "the latest snapshot");
    assertEquals(Optional.empty(), state.paused(), "resumed after the pause");
    assertEquals(List.of("looks promising", "second note"), state.notes());
  }

  @Test
  void aPauseWithoutResumeIsInForce() {
    SearchState state = SearchState.of(search().subList(0, 15));
    assertEquals(Optional.of(new Event.SearchPaused("operator asked")), state.paused());
  }

  @Test
  void incumbentIsTheBestCompletedTrialByTheGivenMetric() {
    SearchState state = SearchState.of(search());
    assertEquals(TrialId.of(4), state.incumbent("val_acc", true).orElseThrow().trial());
    assertEquals(TrialId.of(1), state.incumbent("val_acc", false).orElseThrow().trial());
    assertEquals(Optional.empty(), state.incumbent("no_such_metric", true));
    // the pruned trial 3 reported val_acc 0.3 but never completed: never the incumbent
    assertEquals(TrialId.of(1), state.incumbent("val_acc", false).orElseThrow().trial());
  }

  @Test
  void learningCurvesFollowTheReportsOfEachTrial() {
    SearchState state = SearchState.of(search());
    Map<TrialId, List<Double>> curves = state.learningCurves("val_acc");
    assertEquals(Map.of(TrialId.of(1), List.of(0.61, 0.6875), TrialId.of(3), List.of(0.3), TrialId.of(4), List.of(0.80)),
        curves);
    assertEquals(List.of(TrialId.of(1), TrialId.of(3), TrialId.of(4)), List.copyOf(curves.keySet()));
  }

  @Test
  void envelopesMustComeInSeqOrder() {
    SearchState state = new SearchState();
    state.apply(new Envelope(5, 2, AT, new Event.NoteAdded("five")));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> state.apply(new Envelope(5, 2, AT, new Event.NoteAdded("five again"))));
    assertEquals("event seq 5 after seq 5", e.getMessage());
  }

  @Test
  void theTrialIndexHoldsEachTrialsEventsInOrder() {
    TrialIndex index = TrialIndex.of(search());
    assertEquals(List.of(TrialId.of(1), TrialId.of(2), TrialId.of(3), TrialId.of(4)), List.copyOf(index.trials()));
    List<Long> seqs = index.events(TrialId.of(1)).stream().map(Envelope::seq).toList();
    assertEquals(List.of(2L, 3L, 5L, 7L, 9L), seqs);
    assertEquals(List.of(), index.events(TrialId.of(99)));
    // every trial event is indexed exactly once
    long trialEvents = search().stream().filter(e -> TrialIndex.trialOf(e.event()).isPresent()).count();
    assertEquals(trialEvents, index.trials().stream().mapToLong(t -> index.events(t).size()).sum());
  }

  /** A restored state equals the folded one and folds on identically. */
  @Test
  void stateBytesRoundTripAndTheRestoredStateFoldsOn() {
    List<Envelope> all = search();
    SearchState head = SearchState.of(all.subList(0, 14));
    SearchState restored = StateCodec.decode(StateCodec.encode(head));
    assertSameState(head, restored);
    // curves and metrics still in the bytes hash and compare as ordinary lists and maps do
    assertEquals(head.trials().hashCode(), restored.trials().hashCode());
    TrialRecord one = restored.trial(1).orElseThrow();
    assertEquals(Map.of("val_acc", 0.72, "test_acc", 0.705), one.metrics());
    assertEquals(one.metrics(), Map.of("val_acc", 0.72, "test_acc", 0.705));
    assertEquals(List.copyOf(head.trial(1).orElseThrow().curve()), one.curve());
    assertEquals(0.6875, one.curve().get(1).metrics().get("val_acc"));
    for (Envelope envelope : all.subList(14, all.size())) {
      head.apply(envelope);
      restored.apply(envelope);
    }
    assertSameState(head, restored);
    assertSameState(SearchState.of(all), restored);
  }

  @Test
  void awkwardValuesSurviveTheStateBytes() {
    SearchState state = new SearchState();

    for (int variant = 0; variant < 3; variant++) {
      for (Event event : EventSamples.oneOfEach(variant)) {
        TrialIndex.trialOf(event).filter(t -> !(event instanceof Event.TrialProposed))
            .filter(t -> state.trial(t.value()).isEmpty())
            .ifPresent(t -> state.apply(new Event.TrialProposed(t, "s", "c", 1)));
        if (event instanceof Event.TrialProposed p && state.trial(p.trial().value()).isPresent()) {
          continue;
        }
        state.apply(event);
      }
    }
    SearchState restored = StateCodec.decode(StateCodec.encode(state));
    assertSameState(state, restored);
    for (TrialRecord t : state.trials()) {
      TrialRecord r = restored.trial(t.trial().value()).orElseThrow();
      for (Map.Entry<String, Double> m : t.metrics().entrySet()) {
        assertEquals(Double.doubleToRawLongBits(m.getValue()), Double.doubleToRawLongBits(r.metrics().get(m.getKey())));
      }
    }
  }

  @Test
  void damagedStateBytesAreRefused() {
    byte[] bytes = StateCodec.encode(SearchState.of(search()));
    for (int cut : new int[] {0, 1, 10, bytes.length / 2, bytes.length - 1}) {
      byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
      assertThrows(IllegalArgumentException.class, () -> StateCodec.decode(shorter), "cut at " + cut);
    }
    byte[] other = bytes.clone();
    other[1] = 9;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateCodec.decode(other));
    assertEquals("state format 9, expected 1", e.getMessage());
  }

  static void assertSameState(SearchState expected, SearchState actual) {
    assertEquals(expected.trials(), actual.trials());
    assertEquals(expected.created(), actual.created());
    assertEquals(expected.finished(), actual.finished());
    assertEquals(expected.searcherSnapshots(), actual.searcherSnapshots());
    assertEquals(expected.paused(), actual.paused());
    assertEquals(expected.notes(), actual.notes());
    assertEquals(expected.events(), actual.events());
    assertEquals(expected.lastSeq(), actual.lastSeq());
    assertTrue(expected.trials().size() >= 0);
  }
}
