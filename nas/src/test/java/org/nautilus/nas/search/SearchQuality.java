package org.nautilus.nas.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/** Runs searchers against a {@link SyntheticNb201Objective} and reports the mean best-found objective. */
public final class SearchQuality {
  private SearchQuality() {}

  /**
   * Mean, over {@code runs} runs (searcher seeds 1..runs), of the best objective found in
   * {@code evaluations} evaluations. With {@code workers} 1 each proposal is told at once; with more,
   * {@code workers} trials are kept pending and a randomly chosen one (seeded) is told next.
   */
  public static double meanBest(SyntheticNb201Objective objective, LongFunction<Searcher> searchers, int runs,
      int evaluations, int workers) {
    double sum = 0;
    for (long seed = 1; seed <= runs; seed++) {
      sum += bestOfRun(objective, searchers.apply(seed), evaluations, workers, seed);
    }
    return sum / runs;
  }

  /** The best objective one run finds; fails if the searcher proposes a pending candidate. */
  public static double bestOfRun(SyntheticNb201Objective objective, Searcher searcher, int evaluations, int workers,
      long seed) {
    SearchRandom order = SearchRandom.of(seed ^ 0x5eed);
    List<Proposal> pending = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    long trial = 1;
    int told = 0;
    while (told < evaluations) {
      while (pending.size() < workers && trial - 1 < evaluations) {
        Optional<Proposal> p = searcher.ask(TrialId.of(trial++));
        if (p.isEmpty()) {
          break;
        }
        for (Proposal q : pending) {
          if (q.candidate().canonical().equals(p.get().candidate().canonical())) {
            throw new AssertionError("pending candidate " + q.candidate().canonical() + " proposed again");
          }
        }
        pending.add(p.get());
      }
      Proposal done = pending.remove(order.nextInt(pending.size()));
      double value = objective.of(done.candidate().canonical());
      searcher.tell(new Outcome.Completed(done.trial(), value, Map.of()));
      best = Math.max(best, value);
      told++;
    }
    return best;
  }
}
