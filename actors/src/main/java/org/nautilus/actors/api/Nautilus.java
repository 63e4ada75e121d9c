package org.nautilus.actors.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.nautilus.actors.supervisor.SearchBudget;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.engine.device.Device;
import org.nautilus.journal.Journal;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.spec.SearchSpec;
import org.nautilus.nas.spec.SpecException;
import org.nautilus.nas.spec.SpecSearchers;

/**
 * Hyperparameter or architecture search of any Java code, from plain Java: starts its own actor
 * system, journals to a Chronicle Queue journal, evaluates candidates with the caller's
 * {@link Objective} on {@code trainer.settings.workers} threads (default 1), and stops everything
 * when the search ends.
 *
 * <pre>{@code
 * SearchSpec spec = SpecParser.parse("hpo.yaml", yamlText);   // trainer: {kind: function}
 * SearchResult result = Nautilus.run(spec, Objective.of("loss", c -> loss((Configuration) c)))
 *     .toCompletableFuture().join();
 * }</pre>
 */
public final class Nautilus {
  private Nautilus() {}

  /** Runs {@code spec} with {@code objective}, journaled in a new temporary directory. */
  public static CompletionStage<SearchResult> run(SearchSpec spec, Objective objective) {
    try {
      return run(spec, objective, Files.createTempDirectory("nautilus-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a journal directory", e);
    }
  }

  /**
   * Runs {@code spec} with {@code objective}, journaled in {@code journalDir}, which must not hold a
   * journal yet. The seed is the spec's, else 0, so a run is reproducible with one worker.
   *
   * @throws IllegalArgumentException if the spec's trainer is not {@code function} or a setting is invalid
   */
  public static CompletionStage<SearchResult> run(SearchSpec spec, Objective objective, Path journalDir) {
    if (!spec.trainer().kind().equals("function")) {
      throw new IllegalArgumentException("Nautilus.run evaluates a Java function: the spec's trainer.kind must be "
          + "'function', got '" + spec.trainer().kind() + "'");
    }
    long seed = spec.seed().orElse(0);
    String metric = spec.objective().metric();
    Searcher searcher;
    try {
      searcher = SpecSearchers.create("spec", spec.strategy(), spec.space().toSearchSpace(),
          spec.objective().direction(), seed);
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    long workers = spec.trainer().settings().integer("workers").orElse(1);
    if (workers < 1 || workers > 4096) {
      throw new IllegalArgumentException("trainer.settings.workers must be in 1..4096, got " + workers);
    }
    SearchSpec.BudgetSpec b = spec.budget();
    SearchSettings settings = new SearchSettings(specJson(spec), spec.strategy().name(),
        new SearchBudget(b.trials().orElse(Long.MAX_VALUE), b.wallTime(), b.cost(), b.target()), 1, seed, metric,
        spec.objective().direction(), Optional.empty(), 0, 10);
    FunctionTrainer trainer = new FunctionTrainer(objective, metric);
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      slots.add(new TrainerSlot("fn" + i, Device.cpu(i), trainer));
    }
    Journal journal = ChronicleJournal.create(journalDir, Clock.systemUTC());
    LocalSearch search = LocalSearch.start(settings, searcher, journal, slots, SearchListener.none(),
        ConfigFactory.load());
    return search.result().whenComplete((state, error) -> journal.close())
        .thenApply(state -> new SearchResult(state, metric, spec.objective().direction(), journalDir));
  }

  /** The spec as journaled: its Java rendering (the spec may have been built in code, not read from a file). */
  private static String specJson(SearchSpec spec) {
    try {
      return new ObjectMapper().writeValueAsString(Map.of("kind", "nautilus-embedded/1", "spec", spec.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
