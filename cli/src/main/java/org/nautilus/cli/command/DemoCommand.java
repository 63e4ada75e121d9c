package org.nautilus.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nautilus.actors.api.LocalSearch;
import org.nautilus.actors.supervisor.SearchSettings;
import org.nautilus.actors.train.TrainerSlot;
import org.nautilus.cli.UserError;
import org.nautilus.cli.report.Leaderboard;
import org.nautilus.cli.report.ProgressLine;
import org.nautilus.cli.search.SignalHook;
import org.nautilus.engine.data.DatasetException;
import org.nautilus.engine.data.FashionMnist;
import org.nautilus.engine.data.ImageData;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.SameDiffTrainer;
import org.nautilus.engine.train.SameDiffTrainerConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.random.RandomSearcher;
import org.nautilus.nas.space.Nb201Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nautilus demo}: a real, small search on built-in defaults. Random search over the
 * NAS-Bench-201 cell space, trained with ND4J on the bundled Fashion-MNIST subset (or a full IDX
 * directory), by several trainer actors at once, journaled to Chronicle Queue.
 */
@Command(name = "demo", description = "Run a small real architecture search on built-in defaults.")
public final class DemoCommand implements Callable<Integer> {
  private static final String OBJECTIVE = "val_accuracy";

  @Option(names = "--trials", defaultValue = "8", description = "Candidates to train (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--epochs", defaultValue = "2", description = "Epochs per candidate (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--trainers", defaultValue = "2",
      description = "Trainer actors, one per CPU slot (default: ${DEFAULT-VALUE}).")
  int trainers;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the search (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--channels", description = "Channels of the first stage (default: the trainer's).")
  Optional<Integer> channels;

  @Option(names = "--cells", description = "Cells per stage (default: the trainer's).")
  Optional<Integer> cells;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Directory of Fashion-MNIST or MNIST IDX files (default: the bundled subset).")
  Optional<Path> data;

  @Option(names = "--journal", paramLabel = "DIR",
      description = "Where to journal the search (default: journals/demo-<date>-<time>).")
  Optional<Path> journalDir;

  @Override
  public Integer call() throws Exception {
    requireAtLeast("--trials", trials, 1);
    requireAtLeast("--epochs", epochs, 1);
    requireAtLeast("--trainers", trainers, 1);
    channels.ifPresent(c -> requireAtLeast("--channels", c, 1));
    cells.ifPresent(c -> requireAtLeast("--cells", c, 1));
    Path dir = journalDir.orElseGet(() -> Path.of("journals",
        "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    if (ChronicleJournal.exists(dir)) {
      throw new UserError("--journal " + dir + " already holds a journal; choose a new directory");
    }

    ImageData images = loadData();
    SameDiffTrainerConfig config = trainerConfig();
    List<TrainerSlot> slots = new ArrayList<>();
    for (int i = 0; i < trainers; i++) {
      Device device = Device.cpu(i);
      slots.add(new TrainerSlot("cpu" + i, device, new SameDiffTrainer(config.withDevice(device), images)));
    }
    SearchSettings settings = new SearchSettings(spec(config, images), "random", trials, epochs, seed, OBJECTIVE,
        1, Math.max(3, trials));

    PrintStream out = System.out;
    out.printf(Locale.ROOT, "nautilus demo: random search over NAS-Bench-201 cells, %d trials x %d epochs, "
        + "%d trainers, %s (%,d train / %,d validation / %,d test images)%n", trials, epochs, trainers,
        data.map(Path::toString).orElse("bundled Fashion-MNIST subset"), images.train().size(),
        images.validation().size(), images.test().size());

    SearchState state;
    try (ChronicleJournal journal = createJournal(dir)) {
      ProgressLine progress = new ProgressLine(System.err, System.console() != null, trials, OBJECTIVE);
      LocalSearch search = LocalSearch.start(settings, RandomSearcher.of(new Nb201Space(), seed), journal, slots,
          progress);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nautilus-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(progress::render, 1, 1, TimeUnit.SECONDS);
      try (SignalHook hook = SignalHook.install(search, s -> s.stop("interrupted"))) {
        state = search.result().toCompletableFuture().get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } finally {
        ticker.shutdownNow();
        progress.finish();
      }
    }
    out.println();
    out.print(Leaderboard.render(state));
    out.println("journal: " + dir.toAbsolutePath().normalize());
    out.println("replay:  ./nautilus replay " + dir);
    return 0;
  }

  private static void requireAtLeast(String option, int value, int min) {
    if (value < min) {
      throw new UserError(option + " must be >= " + min + ", got " + value);
    }
  }

  private ImageData loadData() {
    try {
      return data.map(FashionMnist::fromDirectory).orElseGet(FashionMnist::bundled);
    } catch (DatasetException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private SameDiffTrainerConfig trainerConfig() {
    SameDiffTrainerConfig config = SameDiffTrainerConfig.defaults();
    return config.withNetwork(channels.orElse(config.channels()), cells.orElse(config.cellsPerStage()));
  }

  private static ChronicleJournal createJournal(Path dir) {
    try {
      Files.createDirectories(dir);
      return ChronicleJournal.create(dir, Clock.systemUTC());
    } catch (java.io.IOException | JournalException e) {
      throw new UserError("cannot create journal in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The search's specification as JSON, journaled first, so the journal alone says what ran. */
  private String spec(SameDiffTrainerConfig config, ImageData images) throws Exception {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("command", "demo");
    spec.put("space", new Nb201Space().name());
    spec.put("strategy", "random");
    spec.put("objective", OBJECTIVE);
    spec.put("direction", "maximize");
    spec.put("trials", trials);
    spec.put("epochs", epochs);
    spec.put("trainers", trainers);
    spec.put("seed", seed);
    spec.put("data", data.map(Path::toString).orElse("bundled:fashion-mnist-subset"));
    spec.put("train_images", images.train().size());
    spec.put("validation_images", images.validation().size());
    spec.put("test_images", images.test().size());
    Map<String, Object> trainer = new LinkedHashMap<>();
    trainer.put("kind", "samediff-nb201");
    trainer.put("channels", config.channels());
    trainer.put("cells_per_stage", config.cellsPerStage());
    trainer.put("batch_size", config.batchSize());
    trainer.put("learning_rate", config.learningRate());
    trainer.put("nesterov_momentum", config.momentum());
    trainer.put("weight_decay", config.weightDecay());
    trainer.put("cosine_schedule", config.cosineSchedule());
    spec.put("trainer", trainer);
    return new ObjectMapper().writeValueAsString(spec);
  }

}
