package org.nautilus.nas.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.Nb201Cell;

/** Proposes a fixed list of cells in order and records what it is told; exhausted at the list's end. */
class ScriptedSearcher implements Searcher {
  private final List<Nb201Cell> script;
  private int next;
  final List<String> asks = new ArrayList<>();
  final List<Outcome> told = new ArrayList<>();

  ScriptedSearcher(List<Nb201Cell> script) {
    this.script = List.copyOf(script);
  }

  @Override
  public Optional<Proposal> ask(TrialId trial) {
    asks.add(trial.toString());
    if (next >= script.size()) {
      return Optional.empty();
    }
    return Optional.of(new Proposal(trial, script.get(next++)));
  }

  @Override
  public void tell(Outcome outcome) {
    told.add(outcome);
  }

  @Override
  public boolean isExhausted() {
    return next >= script.size();
  }

  @Override
  public byte[] snapshot() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void restore(byte[] snapshot) {
    throw new UnsupportedOperationException();
  }
}
