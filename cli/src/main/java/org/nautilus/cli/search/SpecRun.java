package org.nautilus.cli.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nautilus.actors.supervisor.SearchBudget;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.cli.UserError;
import org.nautilus.engine.data.DatasetException;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.Trainer;
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
 *   <li>{@code samediff}: {@code workers} (default 2) or {@code devices}, {@code epochs} (default 2), {@code channels},
 *       {@code cells} (per stage, N; a DARTS network has 3N + 2), {@code batch_size}, {@code learning_rate};
 *       trains NAS-Bench-201 and DARTS cells (space {@code cell: nb201} or {@code darts}); data from the
 *       {@code data} section ({@code path} of an IDX directory, else the bundled Fashion-MNIST subset);
 *   <li>{@code mlp} and {@code rnn}: {@code workers} (default 1) or {@code devices}, {@code epochs} (default 10), {@code report}
 *       (result metrics to show), and a default for any hyperparameter the model reads (e.g.
 *       {@code units}, {@code learning_rate}, {@code batch_size}); train an MLP or an LSTM/GRU per
 *       candidate of a hyperparameter space on the CSV file of the {@code data} section (see
 *       {@link ModelTrainers} and {@link CsvDataSection});
 *   <li>{@code process}: {@code command} (the program and its arguments, a list; {@code {request}}
 *       stands for the request file), {@code devices} (e.g. {@code [cuda:0, cuda:1]}, one trainer
 *       each) or {@code workers}, {@code epochs}, {@code time_limit}; see {@code engine.train.process}.
 * </ul>
 * All take {@code max_retries} (default 1) and {@code max_consecutive_failures} (default 10); all but
 * {@code tabular} also a per-trial {@code time_limit} (e.g. {@code 30m}) and a multi-fidelity
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
    SpecSettings t = trainerSettings();
    String kind = spec.trainer().kind();
    boolean tabular = kind.equals("tabular");
    SearchSpec.BudgetSpec b = spec.budget();
    SearchBudget budget = new SearchBudget(b.trials().orElse(Long.MAX_VALUE), b.wallTime(), b.cost(), b.target());
    int epochs = tabular ? 1 : t.positive("epochs", kind.equals("mlp") || kind.equals("rnn") ? 10 : 2);
    Optional<String> virtualCost = tabular ? Optional.of(t.required("cost")) : Optional.empty();
    int retries = (int) t.nonNegative("max_retries", 1);
    int failures = t.positive("max_consecutive_failures", 10);
    Optional<Duration> timeLimit = t.get("time_limit").map(v -> SpecParser.duration(String.valueOf(v))
        .orElseThrow(() -> t.error("trainer.settings.time_limit must be seconds or a duration like 90s, 30m, 12h, "
            + "got '" + v + "'")));
    Optional<SchedulerConfig> scheduler = t.get("scheduler").map(name -> {
      SchedulerConfig d = SchedulerConfig.of(SchedulerConfig.KINDS.get(0));
      try {
        return new SchedulerConfig(String.valueOf(name), t.positive("min_epochs", d.minEpochs()),
            t.positive("reduction", d.reduction()), (int) t.nonNegative("grace", d.graceEpochs()),
            t.positive("min_trials", d.minTrials()));
      } catch (IllegalArgumentException e) {
        throw t.error("trainer.settings: " + e.getMessage());
      }
    });
    int prefetch = tabular ? 0 : (int) t.nonNegative("prefetch", 0);
    return new SearchSettings(journaled.toJson(), spec.strategy().name(), budget, epochs, seed,
        spec.objective().metric(), spec.objective().direction(), virtualCost, retries, failures, timeLimit, scheduler,
        prefetch, Optional.empty());
  }

  /**
   * One trainer slot per worker (or per device), as the spec's trainer section says; a process
   * trainer writes its trials' requests and logs under {@code runDir}/trials.
   */
  public List<TrainerSlot> trainers(Path runDir) {
    SpecSettings t = trainerSettings();
    switch (spec.trainer().kind()) {
      case "tabular" -> {
        t.allow(List.of("table", "cost", "report", "workers", "max_retries", "max_consecutive_failures"));
        TabularTrainer trainer = new TabularTrainer(table(t));
        return slots(devices(t, 1), device -> trainer);
      }
      case "samediff" -> {
        t.allow(List.of("workers", "devices", "epochs", "channels", "cells", "batch_size", "learning_rate", "max_retries",
            "max_consecutive_failures", "time_limit", "scheduler", "min_epochs", "reduction", "grace", "min_trials",
            "prefetch"));
        ImageData images = images();
        SameDiffTrainerConfig d = SameDiffTrainerConfig.defaults();
        SameDiffTrainerConfig config = d.withNetwork(t.positive("channels", d.channels()),
                t.positive("cells", d.cellsPerStage()))
            .withBatchSize(t.positive("batch_size", d.batchSize()))
            .withLearningRate(t.number("learning_rate").orElse(d.learningRate()));
        return slots(devices(t, 2), device -> new SameDiffTrainer(config.withDevice(device), images));
      }
      case "mlp" -> {
        return ModelTrainers.mlp(journaled, spec, t);
      }
      case "rnn" -> {
        return ModelTrainers.rnn(journaled, spec, t);
      }
      case "process" -> {
        t.allow(List.of("command", "devices", "workers", "epochs", "max_retries", "max_consecutive_failures",
            "time_limit", "scheduler", "min_epochs", "reduction", "grace", "min_trials", "prefetch"));
        List<String> command = t.strings("command");
        if (command.isEmpty()) {
          throw t.error("the process trainer needs trainer.settings.command, a list: the program and its arguments");
        }
        List<String> resolved = new ArrayList<>(command);
        if (resolved.get(0).contains("/")) {
          resolved.set(0, resolve(resolved.get(0)).toString()); // relative to the spec, like a table
        }
        List<Device> devices = devices(t, 1);
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
          + "' cannot run from the command line; expected tabular, samediff, mlp, rnn or process");
    }
  }

  private SpecSettings trainerSettings() {
    return new SpecSettings(journaled.file(), "trainer.settings", "the " + spec.trainer().kind() + " trainer",
        spec.trainer().settings());
  }

  private TabularBenchmark table(SpecSettings t) {
    Path table = resolve(t.required("table"));
    try {
      return TabularBenchmark.load(table, space, new TableColumns(spec.objective().metric(), t.required("cost"),
          t.strings("report")));
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

  /**
   * The trainers' devices: {@code trainer.settings.devices} (e.g. {@code [cuda:0, cuda:1]}, each at most
   * once), else {@code workers} CPU slots {@code cpu:0, cpu:1, ...}.
   */
  static List<Device> devices(SpecSettings t, int defaultWorkers) {
    List<Device> devices = new ArrayList<>();
    for (String d : t.strings("devices")) {
      Device device;
      try {
        device = Device.parse(d);
      } catch (IllegalArgumentException e) {
        throw t.error("trainer.settings.devices: " + e.getMessage());
      }
      if (devices.contains(device)) {
        throw t.error("trainer.settings.devices lists " + device + " twice; each device gets one trainer");
      }
      devices.add(device);
    }
    if (devices.isEmpty()) {
      for (int i = 0; i < t.positive("workers", defaultWorkers); i++) {
        devices.add(Device.cpu(i));
      }
    }
    return devices;
  }

  /** One slot per device, named after it ({@code cpu0}, {@code cuda1}), each with its own trainer. */
  static List<TrainerSlot> slots(List<Device> devices, java.util.function.Function<Device, Trainer> factory) {
    List<TrainerSlot> slots = new ArrayList<>();
    for (Device device : devices) {
      slots.add(new TrainerSlot(device.toString().replace(":", ""), device, factory.apply(device)));
    }
    return slots;
  }
}
