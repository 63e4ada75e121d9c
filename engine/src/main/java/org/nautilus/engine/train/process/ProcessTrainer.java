package org.nautilus.engine.train.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.Trainer;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;

/**
 * Trains each candidate by running the user's command once per trial, speaking the line protocol
 * of this package (request as JSON, one JSON reply per epoch, then a result). Suited to GPU
 * frameworks outside the JVM; the command is told its device through {@code CUDA_VISIBLE_DEVICES}.
 *
 * <p>Failures: a command that cannot start is retryable (the cause may be transient); a process that
 * exits before its result (a crash) is retryable; a malformed line, a non-finite metric or running past
 * the time limit is not; an {@code error} reply is as retryable as it says. Every message names the
 * trial, and quotes the offending line or the last line of the standard-error log.
 */
public final class ProcessTrainer implements Trainer {
  private final ProcessTrainerConfig config;

  /** A trainer that runs {@code config.command()} per trial. */
  public ProcessTrainer(ProcessTrainerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration. */
  public ProcessTrainerConfig config() {
    return config;
  }

  /** Path of the standard-error log of {@code trial} (appended to by every attempt). */
  public Path stderrLog(long trial) {
    return config.runDir().resolve("trial-" + trial + ".stderr.log");
  }

  /** Path of the request file of {@code trial}. */
  public Path requestFile(long trial) {
    return config.runDir().resolve("trial-" + trial + ".request.json");
  }

  @Override
  public void bindThread(Device device) {
    // The device reaches the child process through CUDA_VISIBLE_DEVICES; this JVM's thread needs none.
  }

  @Override
  public TrainingRun start(TrainRequest request) throws TrainingException {
    Objects.requireNonNull(request, "request");
    long trial = request.trial().value();
    String json = Protocol.request(request, config.device());
    Path requestFile = requestFile(trial);
    Path log = stderrLog(trial);
    try {
      Files.createDirectories(config.runDir());
      Files.writeString(requestFile, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TrainingException("trial " + trial + ": cannot write " + requestFile + ": " + e.getMessage(), true, e);
    }
    List<String> command = new ArrayList<>();
    for (String arg : config.command()) {
      command.add(arg.replace("{request}", requestFile.toString()).replace("{trial}", Long.toString(trial)));
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("NAUTILUS_REQUEST", requestFile.toString());
    env.put("NAUTILUS_TRIAL", Long.toString(trial));
    env.put("NAUTILUS_DEVICE", config.device().toString());
    env.put("CUDA_VISIBLE_DEVICES",
        config.device().kind() == Device.Kind.CUDA ? Integer.toString(config.device().index()) : "");
    env.put("PYTHONUNBUFFERED", "1");
    long startNanos = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new TrainingException("trial " + trial + ": cannot run " + command.get(0) + ": " + e.getMessage(), true, e);
    }
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write((json + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the process closed its standard input or already exited: it reads the file, or its exit is reported
    }
    return new ProcessTrainingRun(request, process, log, startNanos + config.timeLimit().toNanos(),
        config.timeLimit());
  }
}
