package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.codec.ChronicleJournal;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.TrialId;

/** {@code nautilus journal verify} and {@code nautilus journal export} as a user runs them. */
class JournalCliTest {
  private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
  private static final String CAUSE = "loss became NaN at epoch 1";

  /** Ten events: trial 1 completes, trial 2 fails with {@link #CAUSE}, the search finishes. */
  private static Path writeJournal(Path dir) {
    Clock clock = Clock.fixed(Instant.parse("2025-03-14T01:59:26Z"), ZoneOffset.UTC);
    try (ChronicleJournal journal = ChronicleJournal.create(dir, clock, JournalConfig.defaults().with(Durability.os()))) {
      journal.append(new Event.SearchCreated("{\"space\":\"nb201\"}", 7L, "0.1.0-SNAPSHOT"));
      journal.append(new Event.TrialProposed(TrialId.of(1), "random", CELL, 12));
      journal.append(new Event.TrialStarted(TrialId.of(1), "tabular", "local", "cpu:0", 1));
      journal.append(new Event.TrialProposed(TrialId.of(2), "random", CELL, 12));
      journal.append(new Event.EpochReported(TrialId.of(1), 1, Map.of("val_acc", 0.61)));
      journal.append(new Event.TrialStarted(TrialId.of(2), "tabular", "local", "cpu:1", 1));
      journal.append(new Event.TrialFailed(TrialId.of(2), CAUSE, false, 1));
      journal.append(new Event.EpochReported(TrialId.of(1), 2, Map.of("val_acc", 0.6875)));
      journal.append(new Event.TrialCompleted(TrialId.of(1), Map.of("val_acc", 0.72), 12.5));
      journal.append(new Event.SearchFinished("budget of 2 trials reached"));
    }
    return dir;
  }

  @Test
  void verifyOfAGoodJournalSaysOk(@TempDir Path work) throws Exception {
    Path dir = writeJournal(work.resolve("journal"));
    CliProcess.Result result = CliProcess.run(work, 60, "journal", "verify", dir.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(List.of(dir + ": 10 records in 1 file, last seq 10: ok"), result.stdout().lines().toList());
  }

  @Test
  void verifyNamesAFlippedBitAndFails(@TempDir Path work) throws Exception {
    Path dir = writeJournal(work.resolve("journal"));
    Path cycle = cycleFile(dir);
    long at = indexOf(cycle, CAUSE.getBytes(StandardCharsets.UTF_8));
    try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw")) {
      file.seek(at);
      file.write('L'); // "loss" -> "Loss": one bit
    }
    CliProcess.Result result = CliProcess.run(work, 60, "journal", "verify", dir.toString());
    assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(2, lines.size(), result.stdout());
    assertTrue(lines.get(0).startsWith(cycle + " at byte "), lines.get(0));
    assertTrue(lines.get(0).contains(": corrupt: checksum "), lines.get(0));
    assertTrue(lines.get(0).endsWith("(seq 7 unreadable)"), lines.get(0));
    long offset = Long.parseLong(lines.get(0).substring((cycle + " at byte ").length()).split(":")[0]);
    assertTrue(offset < at && at - offset < 64, "the record holding byte " + at + " starts at " + offset);
    assertEquals(dir + ": 9 records in 1 file, last seq 10: 1 problem", lines.get(1));
  }

  @Test
  void verifyOfAMissingJournalIsAOneLineUsageError(@TempDir Path work) throws Exception {
    CliProcess.Result result = CliProcess.run(work, 60, "journal", "verify", work.resolve("none").toString());
    assertEquals(2, result.exitCode());
    assertEquals(List.of("nautilus: no journal at " + work.resolve("none")), result.stderr().lines().toList());
  }

  @Test
  void exportWritesCsvToAFileAndJsonLinesToStandardOutput(@TempDir Path work) throws Exception {
    Path dir = writeJournal(work.resolve("journal"));
    Path csv = work.resolve("trials.csv");
    CliProcess.Result result = CliProcess.run(work, 60, "journal", "export", dir.toString(), "--format", "csv",
        "--out", csv.toString());
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("", result.stdout());
    assertEquals(List.of(
        "trial,searcher,candidate,epochs,status,trainer,node,device,attempt,epochs_reported,cost_seconds,failure,val_acc",
        "1,random," + CELL + ",12,COMPLETED,tabular,local,cpu:0,1,2,12.5,,0.72",
        "2,random," + CELL + ",12,FAILED,tabular,local,cpu:1,1,0,0.0," + CAUSE + ","),
        Files.readString(csv).lines().toList());

    CliProcess.Result jsonl = CliProcess.run(work, 60, "journal", "export", dir.toString(), "--format", "jsonl");
    assertEquals(0, jsonl.exitCode(), jsonl.stderr());
    List<String> lines = jsonl.stdout().lines().toList();
    assertEquals(10, lines.size());
    for (int i = 0; i < 10; i++) {
      assertTrue(lines.get(i).startsWith("{\"seq\":" + (i + 1) + ",\"schema\":2,\"at\":\"2025-03-14T01:59:26Z\",\"type\":\""),
          lines.get(i));
    }
    assertEquals("{\"seq\":7,\"schema\":2,\"at\":\"2025-03-14T01:59:26Z\",\"type\":\"TrialFailed\",\"trial\":2,"
        + "\"cause\":\"" + CAUSE + "\",\"retryable\":false,\"attempt\":1}", lines.get(6));
  }

  @Test
  void exportWithAnUnknownFormatIsAOneLineUsageError(@TempDir Path work) throws Exception {
    Path dir = writeJournal(work.resolve("journal"));
    CliProcess.Result result = CliProcess.run(work, 60, "journal", "export", dir.toString(), "--format", "xml");
    assertEquals(2, result.exitCode());
    List<String> lines = result.stderr().lines().toList();
    assertEquals(1, lines.size(), result.stderr());
    assertTrue(lines.get(0).contains("--format") && lines.get(0).contains("xml"), lines.get(0));
    assertFalse(result.stderr().contains("\tat "));
  }

  private static Path cycleFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
    }
  }

  private static long indexOf(Path file, byte[] needle) throws IOException {
    byte[] bytes;
    try (var in = Files.newInputStream(file)) {
      bytes = in.readNBytes(1 << 20);
    }
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (bytes[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("'" + new String(needle, StandardCharsets.UTF_8) + "' not in " + file);
  }
}
