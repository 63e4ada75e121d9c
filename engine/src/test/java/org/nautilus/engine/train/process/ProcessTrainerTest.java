package org.nautilus.engine.train.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.EpochReport;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.engine.train.TrainingException;
import org.nautilus.engine.train.TrainingRun;
import org.nautilus.nas.search.TrialId;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.ParamValue;

/** Runs a real shell script (as an argument list) in each of the behaviours the trainer must handle. */
class ProcessTrainerTest {
  private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

  @TempDir
  Path dir;

  private static Path script() {
    try {
      return Path.of(ProcessTrainerTest.class.getResource("trainer.sh").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ProcessTrainer trainer(String mode, Device device, Duration limit) {
    return new ProcessTrainer(new ProcessTrainerConfig(
        List.of("/bin/sh", script().toString(), mode, dir.toString(), "{request}"), dir.resolve("runs"), device,
        limit));
  }

  private static TrainRequest request(int epochs) {
    Map<String, ParamValue> hp = new TreeMap<>();
    hp.put("learning_rate", new ParamValue.Real(0.025));
    hp.put("optimizer", new ParamValue.Category("adam"));
    hp.put("batch_size", new ParamValue.Category("128"));
    hp.put("cells_per_stage", new ParamValue.Int(5));
    return new TrainRequest(TrialId.of(7),
        new CellWithHyperparameters<>(Nb201Cell.parse(CELL), Configuration.of(hp)), epochs, 42);
  }

  @Test
  void normalRunReportsEveryEpochThenTheResultAndPassesTheRequestAndDevice() throws Exception {
    ProcessTrainer trainer = trainer("ok", new Device(Device.Kind.CUDA, 1), Duration.ofSeconds(60));
    Map<String, Double> result;
    try (TrainingRun run = trainer.start(request(3))) {
      for (int e = 1; e <= 3; e++) {
        assertFalse(run.isFinished());
        EpochReport report = run.nextEpoch();
        assertEquals(e, report.epoch());
        assertEquals(Map.of("loss", Double.parseDouble("1." + e), "val_accuracy", Double.parseDouble("0." + e)),
            report.metrics());
      }
      assertTrue(run.isFinished());
      result = run.result();
    }
    // the result's own metrics, completed by the last epoch's loss
    assertEquals(Map.of("val_accuracy", 0.75, "test_accuracy", 0.5, "loss", 1.3), result);

    Path requestFile = trainer.requestFile(7);
    String json = Files.readString(requestFile, StandardCharsets.UTF_8);
    assertEquals(json, Files.readString(dir.resolve("stdin.json"), StandardCharsets.UTF_8), "stdin = file");
    assertEquals(List.of(requestFile.toString(), requestFile.toString()), Files.readAllLines(dir.resolve("paths.txt")));
    assertEquals("1", Files.readString(dir.resolve("cuda.txt")));
    JsonNode node = new ObjectMapper().readTree(json);
    assertEquals(1, node.get("protocol").intValue());
    assertEquals(7, node.get("trial").intValue());
    assertEquals(CELL, node.get("cell").textValue());
    assertEquals(CELL + ";batch_size=128;cells_per_stage=5;learning_rate=0.025;optimizer=adam",
        node.get("candidate").textValue());
    assertEquals(0.025, node.get("hyperparameters").get("learning_rate").doubleValue());
    assertTrue(node.get("hyperparameters").get("cells_per_stage").isIntegralNumber());
    assertEquals("adam", node.get("hyperparameters").get("optimizer").textValue());
    assertEquals("128", node.get("hyperparameters").get("batch_size").textValue());
    assertEquals(3, node.get("epochs").intValue());
    assertEquals(42, node.get("seed").longValue());
    assertEquals("cuda:1", node.get("device").textValue());
    assertEquals("training trial 7 on cuda:1 for 3 epochs\n", Files.readString(trainer.stderrLog(7)));
  }

  @Test
  void aCpuSlotHidesEveryGpu() throws Exception {
    ProcessTrainer trainer = trainer("ok", Device.cpu(0), Duration.ofSeconds(60));
    try (TrainingRun run = trainer.start(request(1))) {
      run.nextEpoch();
      run.result();
    }
    assertEquals("", Files.readString(dir.resolve("cuda.txt")));
  }

  @Test
  void aCrashFailsRetryablyQuotingTheLastStderrLine() throws Exception {
    try (TrainingRun run = trainer("crash", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      assertEquals(Map.of("loss", 2.0), run.nextEpoch().metrics());
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process ended (exit status 3) before epoch 2; last line of "
          + "trial-7.stderr.log: 'RuntimeError: boom in epoch 2'", e.getMessage());
      assertTrue(e.retryable());
    }
  }

  @Test
  void aHangPastTheTimeLimitKillsTheWholeProcessTree() throws Exception {
    try (TrainingRun run = trainer("hang", Device.cpu(0), Duration.ofSeconds(2)).start(request(3))) {
      run.nextEpoch();
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process exceeded its time limit of 2 s while waiting for epoch 2",
          e.getMessage());
      assertFalse(e.retryable());
    }
    long[] pids = readPids();
    assertFalse(running(pids[0]), "the script (pid " + pids[0] + ") still runs");
    assertFalse(running(pids[1]), "its child sleep (pid " + pids[1] + ") still runs");
  }

  @Test
  void aStopFromAnotherThreadKillsTheTreeWhileAnEpochIsAwaited() throws Exception {
    TrainingRun run = trainer("hang", Device.cpu(0), Duration.ofSeconds(300)).start(request(3));
    run.nextEpoch();
    Thread stopper = new Thread(() -> {
      try {
        while (!Files.exists(dir.resolve("pids.txt"))) {
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      run.requestStop();
    });
    stopper.start();
    TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
    stopper.join();
    assertEquals("trial 7: the training process stopped", e.getMessage());
    assertFalse(e.retryable());
    long[] pids = readPids();
    assertFalse(running(pids[0]));
    assertFalse(running(pids[1]));
  }

  @Test
  void garbageOutputFailsQuotingTheLine() throws Exception {
    try (TrainingRun run = trainer("garbage", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process wrote a malformed line (not JSON: "
          + "'Epoch 1/3: loss=0.52 acc=0.81')", e.getMessage());
      assertFalse(e.retryable());
    }
  }

  @Test
  void aNanLossIsANonRetryableDivergence() throws Exception {
    try (TrainingRun run = trainer("nan", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process diverged: loss is NaN in epoch 1", e.getMessage());
      assertFalse(e.retryable());
    }
  }

  @Test
  void anErrorReplyFailsAsRetryableAsItSays() throws Exception {
    try (TrainingRun run = trainer("error", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process reported an error: CUDA out of memory", e.getMessage());
      assertTrue(e.retryable());
    }
  }

  @Test
  void epochsOutOfOrderOrAnEarlyResultBreakTheProtocol() throws Exception {
    try (TrainingRun run = trainer("skip", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process reported epoch 2 when epoch 1 was due", e.getMessage());
      assertFalse(e.retryable());
    }
    try (TrainingRun run = trainer("early", Device.cpu(0), Duration.ofSeconds(60)).start(request(3))) {
      run.nextEpoch();
      TrainingException e = assertThrows(TrainingException.class, run::nextEpoch);
      assertEquals("trial 7: the training process sent a result after 1 of 3 epochs", e.getMessage());
    }
  }

  @Test
  void aFailingExitAfterTheResultFailsTheTrial() throws Exception {
    try (TrainingRun run = trainer("fail_after_result", Device.cpu(0), Duration.ofSeconds(60)).start(request(2))) {
      run.nextEpoch();
      run.nextEpoch();
      TrainingException e = assertThrows(TrainingException.class, run::result);
      assertEquals("trial 7: the training process exited with status 1 after its result; last line of "
          + "trial-7.stderr.log: 'error while saving the model'", e.getMessage());
      assertTrue(e.retryable());
    }
  }

  @Test
  void aMissingProgramIsARetryableStartFailure() {
    ProcessTrainer trainer = new ProcessTrainer(new ProcessTrainerConfig(List.of(dir.resolve("no-such-program").toString()),
        dir, Device.cpu(0), Duration.ofSeconds(5)));
    TrainingException e = assertThrows(TrainingException.class, () -> trainer.start(request(1)));
    assertTrue(e.getMessage().startsWith("trial 7: cannot run " + dir.resolve("no-such-program")), e.getMessage());
    assertTrue(e.retryable());
  }

  private long[] readPids() throws IOException {
    String[] parts = Files.readString(dir.resolve("pids.txt")).strip().split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  /**
   * Whether {@code pid} is a live process. A killed orphan stays a zombie until the machine's init
   * reaps it, which some containers' init never does; a zombie runs nothing, so it counts as gone.
   */
  static boolean running(long pid) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // gone between the two checks
    }
  }
}
