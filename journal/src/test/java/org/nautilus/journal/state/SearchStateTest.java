package org.nautilus.journal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.TrialProposed;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.nas.search.TrialId;

class SearchStateTest {

  @Test
  void realisticSearchFoldsToTheExpectedTrialsTable() {
    SearchState state = new SearchState();
    EventSamples.realisticSearch().forEach(state::apply);

    assertEquals(10, state.events());
    assertEquals(7L, state.created().orElseThrow().seed());
    assertEquals("budget of 2 trials reached", state.finished().orElseThrow().reason());

    TrialRecord completed = new TrialRecord(TrialId.of(1), "random", EventSamples.CELL_A, 12,
        TrialStatus.COMPLETED, Optional.of("tabular"), Optional.of("local"), Optional.of("cpu:0"), 1,
        List.of(new EpochReported(TrialId.of(1), 1, Map.of("loss", 1.25, "val_acc", 0.61)),
            new EpochReported(TrialId.of(1), 2, Map.of("loss", 0.875, "val_acc", 0.6875))),
        Map.of("val_acc", 0.72, "test_acc", 0.705), 12.5, Optional.empty());
    TrialRecord failed = new TrialRecord(TrialId.of(2), "random", EventSamples.CELL_B, 12,
        TrialStatus.FAILED, Optional.of("tabular"), Optional.of("local"), Optional.of("cpu:1"), 1, List.of(), Map.of(), 0,
        Optional.of("loss became NaN at epoch 1"));
    assertEquals(List.of(completed, failed), state.trials());
    assertEquals(List.of(completed), state.trials(TrialStatus.COMPLETED));
    assertEquals(List.of(failed), state.trials(TrialStatus.FAILED));
    assertEquals(List.of(), state.trials(TrialStatus.RUNNING));
    assertEquals(Optional.of(0.72), state.trial(1).orElseThrow().metric("val_acc"));
  }

  @Test
  void eventForAnUnknownTrialIsRefused() {
    SearchState state = new SearchState();
    state.apply(new TrialProposed(TrialId.of(1), "random", EventSamples.CELL_A, 12));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> state.apply(new EpochReported(TrialId.of(9), 1, Map.of("loss", 1.0))));
    assertEquals("event for trial #9 before it was proposed", e.getMessage());
  }

  @Test
  void trialProposedTwiceIsRefused() {
    SearchState state = new SearchState();
    state.apply(new TrialProposed(TrialId.of(1), "random", EventSamples.CELL_A, 12));
    assertThrows(IllegalStateException.class,
        () -> state.apply(new TrialProposed(TrialId.of(1), "evolution", EventSamples.CELL_B, 12)));
  }

  /** Adding an event type without a fold branch fails here. */
  @Test
  void everyPermittedEventTypeHasAFold() {
    for (Class<? extends Event> type : EventSamples.eventTypes()) {
      Event event = EventSamples.arbitrary(type, 0);
      SearchState state = new SearchState();
      trialOf(event).filter(t -> !(event instanceof TrialProposed))
          .ifPresent(t -> state.apply(new TrialProposed(t, "random", EventSamples.CELL_A, 1)));
      state.apply(event);
      assertTrue(state.events() >= 1, type.getSimpleName());
    }
  }

  private static Optional<TrialId> trialOf(Event event) {
    for (RecordComponent component : event.getClass().getRecordComponents()) {
      if (component.getType() == TrialId.class) {
        try {
          return Optional.of((TrialId) component.getAccessor().invoke(event));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return Optional.empty();
  }
}
