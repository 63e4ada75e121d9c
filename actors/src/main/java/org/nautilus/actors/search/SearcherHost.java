package org.nautilus.actors.search;

import java.util.Optional;
import java.util.function.Consumer;
import org.nautilus.actors.search.SearcherActor.Answered;
import org.nautilus.actors.search.SearcherActor.Ask;
import org.nautilus.actors.search.SearcherActor.Command;
import org.nautilus.actors.search.SearcherActor.Faulted;
import org.nautilus.actors.search.SearcherActor.Proposed;
import org.nautilus.actors.search.SearcherActor.Reply;
import org.nautilus.actors.search.SearcherActor.Snapshotted;
import org.nautilus.actors.search.SearcherActor.Sync;
import org.nautilus.actors.search.SearcherActor.Synced;
import org.nautilus.actors.search.SearcherActor.Tell;
import org.nautilus.nas.search.Outcome;
import org.nautilus.nas.search.Proposal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.search.TrialId;

/**
 * Makes the calls of {@link SearcherActor}'s protocol on a {@link Searcher}, on whatever thread hands it
 * the commands, one at a time and in order, and sends the replies to its owner.
 *
 * <p>Faults are handled here: a searcher that throws is restored from its last snapshot plus the calls
 * since and the call is made again ({@link GuardedSearcher}); {@link SearcherActor#MAX_FAULTS} faults in
 * a row, a restore that fails, or an outcome it fails to learn twice break it, which the owner is told
 * in a {@link Faulted} reply and ends the search on. Snapshots are taken at doubling intervals
 * ({@link SearcherActor#SNAPSHOT_EVERY}) and sent to the owner to journal.
 */
public final class SearcherHost {
  private final GuardedSearcher searcher;
  private final Consumer<Reply> owner;
  private long outcomesTold;
  private long outcomesAtSnapshot;
  private int faultsInARow;
  private boolean broken;

  /**
   * A host for {@code searcher}, which has already been told {@code outcomesTold} outcomes (those of a
   * replayed journal), replying to {@code owner}.
   */
  public SearcherHost(Searcher searcher, long outcomesTold, Consumer<Reply> owner) {
    this.searcher = new GuardedSearcher(searcher);
    this.owner = owner;
    this.outcomesTold = outcomesTold;
    this.outcomesAtSnapshot = outcomesTold;
  }

  /** Makes the call {@code command} asks for. */
  public void handle(Command command) {
    if (command instanceof Ask ask) {
      onAsk(ask);
    } else if (command instanceof Tell tell) {
      onTell(tell);
    } else if (command == Sync.INSTANCE) {
      owner.accept(Synced.INSTANCE);
    } else {
      throw new IllegalArgumentException("unknown searcher command " + command);
    }
  }

  private void onAsk(Ask ask) {
    int proposed = 0;
    boolean exhausted = false;
    while (!broken && proposed < ask.count()) {
      TrialId trial = TrialId.of(ask.first().value() + proposed);
      try {
        Optional<Proposal> proposal = searcher.ask(trial);
        faultsInARow = 0;
        if (proposal.isEmpty()) {
          exhausted = searcher.isExhausted();
          break;
        }
        owner.accept(new Proposed(proposal.get()));
        proposed++;
      } catch (GuardedSearcher.SearcherFault fault) {
        faulted(fault, Optional.empty()); // restored, unless now broken: asked again for the same trial
      }
    }
    owner.accept(new Answered(ask.first(), proposed, exhausted));
  }

  private void onTell(Tell tell) {
    if (broken) {
      return;
    }
    Outcome outcome = tell.outcome();
    for (int attempt = 1; ; attempt++) {
      try {
        searcher.tell(outcome);
        faultsInARow = 0;
        break;
      } catch (GuardedSearcher.SearcherFault fault) {
        // A resume would replay the same call, so an outcome that fails twice cannot be got past.
        faulted(fault, attempt == 2 ? Optional.of("the searcher failed twice on the outcome of trial "
            + outcome.trial().value() + ": " + fault.getMessage()) : Optional.empty());
        if (broken) {
          return;
        }
      }
    }
    outcomesTold++;
    if (outcomesTold - outcomesAtSnapshot >= Math.max(SearcherActor.SNAPSHOT_EVERY, outcomesAtSnapshot)) {
      outcomesAtSnapshot = outcomesTold;
      owner.accept(new Snapshotted((int) Math.min(Integer.MAX_VALUE, outcomesTold), searcher.snapshot()));
    }
  }

  private void faulted(GuardedSearcher.SearcherFault fault, Optional<String> fatal) {
    faultsInARow++;
    String note = fault.getMessage() + (fault.restored() ? "; restored from its last snapshot and the calls since" : "");
    Optional<String> reason = fatal;
    if (reason.isEmpty() && (!fault.restored() || faultsInARow >= SearcherActor.MAX_FAULTS)) {
      reason = Optional.of("the searcher failed " + faultsInARow + " time(s) in a row: " + fault.getMessage());
    }
    broken = reason.isPresent();
    owner.accept(new Faulted(note, reason));
  }
}
