package org.nautilus.cli.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nautilus.actors.supervisor.SearchBudget;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.cli.UserError;
import org.nautilus.engine.data.DatasetException;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.SameDiffTrainer;
import org.nautilus.engine.train.SameDiffTrainerConfig;
import org.nautilus.engine.train.process.ProcessTrainer;
import org.nautilus.engine.train.process.ProcessTrainerConfig;
import org.nautilus.engine.train.tabular.TabularTrainer;
import org.nautilus.nas.bench.TableColumns;
import org.nautilus.nas.bench.TableException;
import org.nautilus.nas.bench.TabularBenchmark;
import org.nautilus.nas.schedule.SchedulerConfig;
import org.nautilus.nas.search.Searcher;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.SearchSpace;
import org.nautilus.nas.spec.SearchSpec;
import org.nautilus.nas.spec.Settings;
import org.nautilus.nas.spec.SpecException;
import org.nautilus.nas.spec.SpecParser;
import org.nautilus.nas.spec.SpecSearchers;

/**
 * Everything a search needs, built from a journaled spec and its seed: settings, space, a fresh
 * searcher, and the trainer slots. Building twice from the same spec and seed gives a searcher that
 * proposes the same, which is what makes resume by re-derivation possible.
 *
 * <p>Trainer kinds and their settings:
 * <ul>
 *   <li>{@code tabular}: {@code table} (CSV path), {@code cost} (column, the virtual cost),
 *       {@code report} (columns), {@code workers} (default 1); runs on a virtual clock, so a search
 *       is reproducible from its seed;
 *   <li>{@code samediff}: {@code workers} (default 2), {@code epochs} (default 2), {@code channels},
 *       {@code cells} (per stage, N; a DARTS network has 3N + 2), {@code batch_size}, {@code learning_rate};
 *       trains NAS-Bench-201 and DARTS cells (space {@code cell: nb201} or {@code darts}); data from the
 *       {@code data} section ({@code path} of an IDX directory, else the bundled Fashion-MNIST subset);
 *   <li>{@code process}: {@code command} (the program and its arguments, a list; {@code {request}}
 *       stands for the request file), {@code devices} (e.g. {@code [cuda:0, cuda:1]}, one trainer
 *       each) or {@code workers}, {@code epochs}, {@code time_limit}; see {@code engine.train.process}.
 * </ul>
 * All take {@code max_retries} (default 1) and {@code max_consecutive_failures} (default 10); the
 * {@code samediff} and {@code process} trainers also a per-trial {@code time_limit} (e.g. {@code 30m}) and a multi-fidelity
 * {@code scheduler} ({@code asha}, {@code hyperband} or {@code median}, with {@code min_epochs},
 * {@code reduction}, {@code grace}, {@code min_trials}), and {@code prefetch} (default 0: trials queued on
 * each busy trainer, for trials of seconds or less; see {@code SearchSettings}).
 */
public final class SpecRun {
  private final JournaledSpec journaled;
  private final SearchSpec spec;
  private final long seed;
  private final SearchSpace<? extends Candidate> space;

  private SpecRun(JournaledSpec journaled, SearchSpec spec, long seed) {
    this.journaled = journaled;
    this.spec = spec;
    this.seed = seed;
    this.space = spec.space().toSearchSpace();
  }

  /**
   * Parses the journaled spec; the seed is the spec's, else {@code defaultSeed}.
   *
   * @throws UserError with the parser's {@code FILE:LINE: problem} if the spec is invalid
   */
  public static SpecRun of(JournaledSpec journaled, long defaultSeed) {
    try {
      SearchSpec spec = SpecParser.parse(journaled.file(), journaled.content());
      return new SpecRun(journaled, spec, spec.seed().orElse(defaultSeed));
    } catch (SpecException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  public JournaledSpec journaled() {
    return journaled;
  }

  public SearchSpec spec() {
    return spec;
  }

  public long seed() {
    return seed;
  }

  public SearchSpace<? extends Candidate> space() {
    return space;
  }

  /** A fresh searcher as the spec's strategy section says. */
  public Searcher searcher() {
    try {
      return SpecSearchers.create(journaled.file(), spec.strategy(), space, spec.objective().direction(), seed);
    } catch (SpecException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** The settings the supervisor runs with. */
  public SearchSettings settings() {
    Settings t = spec.trainer().settings();
    boolean tabular = spec.trainer().kind().equals("tabular");
    SearchSpec.BudgetSpec b = spec.budget();
    SearchBudget budget = new SearchBudget(b.trials().orElse(Long.MAX_VALUE), b.wallTime(), b.cost(), b.target());
    int epochs = tabular ? 1 : positive(t, "epochs", 2);
    Optional<String> virtualCost = tabular ? Optional.of(required(t, "cost")) : Optional.empty();
    int retries = (int) nonNegative(t, "max_retries", 1);
    int failures = positive(t, "max_consecutive_failures", 10);
    Optional<Duration> timeLimit = t.get("time_limit").map(v -> SpecParser.duration(String.valueOf(v))
        .orElseThrow(() -> new UserError(journaled.file() + ": trainer.settings.time_limit must be seconds or a "
            + "duration like 90s, 30m, 12h, got '" + v + "'")));
    Optional<SchedulerConfig> scheduler = t.get("scheduler").map(kind -> {
      SchedulerConfig d = SchedulerConfig.of(SchedulerConfig.KINDS.get(0));
      try {
        return new SchedulerConfig(String.valueOf(kind), positive(t, "min_epochs", d.minEpochs()),
            positive(t, "reduction", d.reduction()), (int) nonNegative(t, "grace", d.graceEpochs()),
            positive(t, "min_trials", d.minTrials()));
      } catch (IllegalArgumentException e) {
        throw new UserError(journaled.file() + ": trainer.settings: " + e.getMessage());
      }
    });
    int prefetch = tabular ? 0 : (int) nonNegative(t, "prefetch", 0);
    return new SearchSettings(journaled.toJson(), spec.strategy().name(), budget, epochs, seed,
        spec.objective().metric(), spec.objective().direction(), virtualCost, retries, failures, timeLimit, scheduler,
        prefetch);
  }

  /**
   * One trainer slot per worker (or per device), as the spec's trainer section says; a process
   * trainer writes its trials' requests and logs under {@code runDir}/trials.
   */
  public List<TrainerSlot> trainers(Path runDir) {
    Settings t = spec.trainer().settings();
    switch (spec.trainer().kind()) {
      case "tabular" -> {
        allow(t, "table", "cost", "report", "workers", "max_retries", "max_consecutive_failures");
        TabularTrainer trainer = new TabularTrainer(table(t));
        return slots(positive(t, "workers", 1), i -> trainer);
      }
      case "samediff" -> {
        allow(t, "workers", "epochs", "channels", "cells", "batch_size", "learning_rate", "max_retries",
            "max_consecutive_failures", "time_limit", "scheduler", "min_epochs", "reduction", "grace", "min_trials",
            "prefetch");
        ImageData images = images();
        SameDiffTrainerConfig d = SameDiffTrainerConfig.defaults();
        SameDiffTrainerConfig config = d.withNetwork(positive(t, "channels", d.channels()),
                positive(t, "cells", d.cellsPerStage()))
            .withBatchSize(positive(t, "batch_size", d.batchSize()))
            .withLearningRate(t.number("learning_rate").orElse(d.learningRate()));
        return slots(positive(t, "workers", 2),
            i -> new SameDiffTrainer(config.withDevice(Device.cpu(i)), images));
      }
      case "process" -> {
        allow(t, "command", "devices", "workers", "epochs", "max_retries", "max_consecutive_failures", "time_limit",
            "scheduler", "min_epochs", "reduction", "grace", "min_trials", "prefetch");
        List<String> command = strings(t, "command");
        if (command.isEmpty()) {
          throw new UserError(journaled.file() + ": the process trainer needs trainer.settings.command, a list: "
              + "the program and its arguments");
        }
        List<String> resolved = new ArrayList<>(command);
        if (resolved.get(0).contains("/")) {
          resolved.set(0, resolve(resolved.get(0)).toString()); // relative to the spec, like a table
        }
        List<Device> devices = new ArrayList<>();
        for (String d : strings(t, "devices")) {
          try {
            devices.add(Device.parse(d));
          } catch (IllegalArgumentException e) {
            throw new UserError(journaled.file() + ": trainer.settings.devices: " + e.getMessage());
          }
        }
        if (devices.isEmpty()) {
          for (int i = 0; i < positive(t, "workers", 1); i++) {
            devices.add(Device.cpu(i));
          }
        }
        Duration limit = settings().trialTimeLimit().orElse(Duration.ofDays(7));
        List<TrainerSlot> slots = new ArrayList<>();
        for (Device device : devices) {
          String name = device.toString().replace(':', '-');
          slots.add(new TrainerSlot(name, device, new ProcessTrainer(new ProcessTrainerConfig(resolved,
              runDir.resolve("trials"), device, limit))));
        }
        return slots;
      }
      default -> throw new UserError(journaled.file() + ": trainer.kind '" + spec.trainer().kind()
          + "' cannot run from the command line; expected tabular, samediff or process");
    }
  }

  private List<String> strings(Settings t, String key) {
    Optional<Object> value = t.get(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!(value.get() instanceof List<?> list)) {
      throw new UserError(journaled.file() + ": trainer.settings." + key + " must be a list, got " + value.get());
    }
    return list.stream().map(String::valueOf).toList();
  }

  private TabularBenchmark table(Settings t) {
    Path table = resolve(required(t, "table"));
    List<String> report = new ArrayList<>();
    t.get("report").ifPresent(r -> {
      if (!(r instanceof List<?> list)) {
        throw new UserError(journaled.file() + ": trainer.settings.report must be a list of column names, got " + r);
      }
      list.forEach(c -> report.add(String.valueOf(c)));
    });
    try {
      return TabularBenchmark.load(table, space, new TableColumns(spec.objective().metric(), required(t, "cost"), report));
    } catch (TableException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private ImageData images() {
    try {
      Optional<Path> dir = spec.data().flatMap(SearchSpec.DataSpec::path).map(this::resolve);
      return dir.map(FashionMnist::fromDirectory).orElseGet(FashionMnist::bundled);
    } catch (DatasetException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private Path resolve(String path) {
    return journaled.base().resolve(path).normalize();
  }

  private interface TrainerFactory {
    org.nautilus.engine.train.Trainer create(int index);
  }

  private static List<TrainerSlot> slots(int workers, TrainerFactory factory) {
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      slots.add(new TrainerSlot("cpu" + i, Device.cpu(i), factory.create(i)));
    }
    return slots;
  }

  private void allow(Settings settings, String... keys) {
    Set<String> unknown = new TreeSet<>(settings.values().keySet());
    unknown.removeAll(List.of(keys));
    if (!unknown.isEmpty()) {
      throw new UserError(journaled.file() + ": trainer.settings." + unknown.iterator().next()
          + " is not a setting of the " + spec.trainer().kind() + " trainer, expected one of " + String.join(", ", keys));
    }
  }

  private String required(Settings settings, String key) {
    try {
      return settings.string(key).orElseThrow(() -> new UserError(journaled.file() + ": the "
          + spec.trainer().kind() + " trainer needs trainer.settings." + key));
    } catch (IllegalArgumentException e) {
      throw new UserError(journaled.file() + ": trainer." + e.getMessage());
    }
  }

  private int positive(Settings settings, String key, int defaultValue) {
    long value = integer(settings, key, defaultValue);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new UserError(journaled.file() + ": trainer.settings." + key + " must be >= 1, got " + value);
    }
    return (int) value;
  }

  private long nonNegative(Settings settings, String key, int defaultValue) {
    long value = integer(settings, key, defaultValue);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new UserError(journaled.file() + ": trainer.settings." + key + " must be >= 0, got " + value);
    }
    return value;
  }

  private long integer(Settings settings, String key, long defaultValue) {
    try {
      return settings.integer(key).orElse(defaultValue);
    } catch (IllegalArgumentException e) {
      throw new UserError(journaled.file() + ": trainer." + e.getMessage());
    }
  }
}
