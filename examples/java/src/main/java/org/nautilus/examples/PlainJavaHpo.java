package org.nautilus.examples;

import org.nautilus.actors.api.Nautilus;
import org.nautilus.actors.api.Objective;
import org.nautilus.actors.api.SearchResult;
import org.nautilus.journal.state.TrialRecord;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.spec.SearchSpec;
import org.nautilus.nas.spec.SpecParser;

/**
 * Hyperparameter optimization of plain Java code with {@link Nautilus#run}: minimizes the Branin
 * function (global minimum 0.397887) over two floats with regularized evolution, journaled so the
 * search can be inspected with {@code nautilus replay}. With one worker the run is reproducible from
 * its seed; with {@code workers: N}, N evaluations run at a time and results arrive in whatever order
 * they finish.
 *
 * <p>Run: {@code java -cp ... org.nautilus.examples.PlainJavaHpo}
 */
public final class PlainJavaHpo {
  static final String SPEC = String.join("\n",
      "space:",
      "  hyperparameters:",
      "    x1: {type: float, low: -5, high: 10}",
      "    x2: {type: float, low: 0, high: 15}",
      "strategy:",
      "  name: evolution",
      "  settings: {population: 20, tournament: 5}",
      "objective:",
      "  metric: branin",
      "  direction: minimize",
      "budget:",
      "  trials: 400",
      "trainer:",
      "  kind: function",
      "  settings: {workers: 1}",
      "seed: 1",
      "");

  private PlainJavaHpo() {}

  /** The Branin-Hoo function. */
  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  /** Runs the search and returns its result. */
  static SearchResult search() throws Exception {
    SearchSpec spec = SpecParser.parse("branin.yaml", SPEC);
    Objective objective = Objective.of("branin", candidate -> {
      Configuration c = (Configuration) candidate;
      return branin(c.number("x1"), c.number("x2"));
    });
    return Nautilus.run(spec, objective).toCompletableFuture().get();
  }

  public static void main(String[] args) throws Exception {
    SearchResult result = search();
    TrialRecord best = result.best().orElseThrow();
    System.out.printf("best branin %.6f at %s (trial %d of %d), journal %s%n", best.metric("branin").orElseThrow(),
        best.candidate(), best.trial().value(), result.state().trials().size(), result.journal());
  }
}
