package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code nautilus} command as a user meets it: a real child process, its output and exit status. */
class CliTest {
  static void assertOneLineUsageError(CliProcess.Result result, String expected) {
    assertEquals(2, result.exitCode(), "exit status; stderr was: " + result.stderr());
    List<String> lines = result.stderr().lines().toList();
    assertEquals(1, lines.size(), "exactly one line on stderr, got: " + result.stderr());
    assertTrue(lines.get(0).startsWith("nautilus: "), lines.get(0));
    assertTrue(lines.get(0).contains(expected), "'" + lines.get(0) + "' should mention '" + expected + "'");
    assertFalse(result.stderr().contains("\tat "), "no stack trace");
  }

  @Test
  void replayOfAMissingDirectoryIsAOneLineError(@TempDir Path work) throws Exception {
    assertOneLineUsageError(CliProcess.run(work, 60, "replay", "/no/such/dir"), "/no/such/dir");
  }

  @Test
  void demoWithNoTrainersIsAOneLineError(@TempDir Path work) throws Exception {
    assertOneLineUsageError(CliProcess.run(work, 60, "demo", "--trainers", "0"), "--trainers must be >= 1, got 0");
  }

  @Test
  void demoWithDataWithoutIdxFilesIsAOneLineError(@TempDir Path work) throws Exception {
    Path empty = Files.createDirectory(work.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "not a dataset");
    assertOneLineUsageError(CliProcess.run(work, 60, "demo", "--data", empty.toString()), empty.toString());
  }

  @Test
  void aMalformedOptionIsAOneLineErrorPointingToHelp(@TempDir Path work) throws Exception {
    assertOneLineUsageError(CliProcess.run(work, 60, "demo", "--epochs", "x"),
        "Invalid value for option '--epochs': 'x' is not an int (see 'nautilus demo --help')");
  }

  @Test
  void helpListsTheCommands(@TempDir Path work) throws Exception {
    CliProcess.Result result = CliProcess.run(work, 60, "--help");
    assertEquals(0, result.exitCode());
    assertTrue(result.stdout().contains("demo"), result.stdout());
    assertTrue(result.stdout().contains("replay"), result.stdout());
  }

  @Test
  void demoPrintsALeaderboardThatReplayReproducesExactly(@TempDir Path work) throws Exception {
    Path data = TinyData.writeIdxDirectory(work.resolve("data"), 300, 100);
    Path journal = work.resolve("journal");
    CliProcess.Result demo = CliProcess.run(work, 300, "demo", "--trials", "3", "--epochs", "1", "--trainers", "2",
        "--channels", "4", "--data", data.toString(), "--journal", journal.toString());
    assertEquals(0, demo.exitCode(), demo.stderr());
    assertFalse(demo.stdout().contains("Added differentiated op"), "ND4J noise on stdout");
    assertTrue(demo.stderr().contains("trials 3/3 done"), "progress line: " + demo.stderr());
    assertEquals(3, demo.stderr().lines().count(), "only progress lines on stderr: " + demo.stderr());

    CliProcess.Result replay = CliProcess.run(work, 60, "replay", journal.toString());
    assertEquals(0, replay.exitCode(), replay.stderr());
    assertEquals("", replay.stderr(), "replay is quiet");
    String leaderboard = replay.stdout();
    assertTrue(leaderboard.startsWith("rank"), leaderboard);
    assertTrue(leaderboard.contains("3 trials: 3 completed, 0 failed"), leaderboard);
    assertTrue(demo.stdout().contains(leaderboard), "demo output:\n" + demo.stdout() + "\nreplay:\n" + leaderboard);

    CliProcess.Result again = CliProcess.run(work, 60, "demo", "--journal", journal.toString());
    assertOneLineUsageError(again, "already holds a journal");
  }
}
