package org.nautilus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nautilus bench synthetic-table} and {@code nautilus bench table} as child processes. */
class BenchTableCliTest {
  @TempDir
  static Path work;
  static Path table;

  @BeforeAll
  static void generateTable() throws Exception {
    table = work.resolve("T.csv");
    CliProcess.Result result = CliProcess.run(work, 60, "bench", "synthetic-table", "--out", table.toString(),
        "--seed", "3");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().startsWith("wrote 15,625 NB201 cells to " + table + " (seed 3)"), result.stdout());
    assertEquals(15_626, Files.readAllLines(table).size());
  }

  static List<String> benchTable(String... extra) {
    List<String> args = new ArrayList<>(List.of("bench", "table", "--table", table.toString(), "--space", "nb201",
        "--objective", "valid_acc", "--cost", "train_time", "--report", "test_acc,train_time",
        "--budget-seconds", "3000", "--workers", "2", "--runs", "40", "--strategy", "random", "--seed", "5"));
    for (int i = 0; i < extra.length; i += 2) {
      int at = args.indexOf(extra[i]);
      if (at >= 0) {
        args.set(at + 1, extra[i + 1]);
      } else {
        args.add(extra[i]);
        args.add(extra[i + 1]);
      }
    }
    return args;
  }

  static CliProcess.Result run(List<String> args) throws Exception {
    return CliProcess.run(work, 120, args.toArray(new String[0]));
  }

  @Test
  void printsMeanAndStdAtTheIncumbentAndWritesIdenticalJsonOnEveryThreadCount() throws Exception {
    Path one = work.resolve("one.json");
    Path two = work.resolve("two.json");
    CliProcess.Result first = run(benchTable("--out", one.toString(), "--threads", "1", "--points", "10"));
    assertEquals(0, first.exitCode(), first.stderr());
    assertEquals("", first.stderr());
    List<String> lines = first.stdout().lines().toList();
    assertEquals("nautilus bench table: random on " + table + " (nb201, 15,625 rows), 40 runs x 3,000 s of virtual "
        + "time, 2 workers, seed 5", lines.get(0));
    assertEquals("objective valid_acc (maximize), cost train_time", lines.get(1));
    assertTrue(lines.get(4).matches("valid_acc \\(objective\\) +\\d\\d\\.\\d\\d ± \\d\\.\\d\\d"), lines.get(4));
    assertTrue(lines.get(5).matches("test_acc +\\d\\d\\.\\d\\d ± \\d\\.\\d\\d"), lines.get(5));
    assertTrue(lines.get(6).matches("train_time +\\d+\\.\\d ± \\d+\\.\\d"), lines.get(6));
    assertTrue(lines.get(7).matches("evaluations per run +\\d\\d\\.\\d\\d ± \\d\\.\\d\\d"), lines.get(7));

    CliProcess.Result second = run(benchTable("--out", two.toString(), "--threads", "2", "--points", "10"));
    assertEquals(0, second.exitCode(), second.stderr());
    assertEquals(Files.readString(one), Files.readString(two), "same seed, any thread count: same JSON");

    JsonNode json = new ObjectMapper().readTree(one.toFile());
    assertEquals(40, json.get("runs").asInt());
    assertEquals("random", json.get("strategy").asText());
    JsonNode evaluations = json.get("evaluations");
    double perRun = evaluations.get("mean").asDouble();
    assertTrue(perRun > 40 && perRun < 70, "2 workers x 3,000 s at ~110 s each: " + perRun);
    assertTrue(lines.get(7).contains(String.format(java.util.Locale.ROOT, "%.2f", perRun)), lines.get(7));
    JsonNode test = json.get("at_incumbent").get("test_acc");
    assertEquals(40, test.get("runs").asInt());
    assertTrue(test.get("mean").asDouble() > 85 && test.get("mean").asDouble() < 95, test.toString());
    JsonNode anytime = json.get("anytime");
    assertEquals(10, anytime.get("times").size());
    assertEquals(3000.0, anytime.get("times").get(9).asDouble());
    JsonNode curve = anytime.get("valid_acc").get("mean");
    assertEquals(10, curve.size());
    for (int i = 1; i < 10; i++) {
      assertTrue(curve.get(i).asDouble() >= curve.get(i - 1).asDouble(), "best so far never falls: " + curve);
    }
    assertEquals(json.get("at_incumbent").get("valid_acc").get("mean").asDouble(), curve.get(9).asDouble(), 1e-9);
  }

  private static void assertOneLineUsageError(CliProcess.Result result, String expected) {
    assertEquals(2, result.exitCode(), "exit status; stderr was: " + result.stderr());
    assertEquals("nautilus: " + expected + "\n", result.stderr().replace("\r", ""));
    assertEquals("", result.stdout());
  }

  @Test
  void missingTableIsAOneLineError() throws Exception {
    Path absent = work.resolve("absent.csv");
    assertOneLineUsageError(run(benchTable("--table", absent.toString())), absent + ": no such file");
  }

  @Test
  void unknownColumnIsAOneLineErrorListingTheColumns() throws Exception {
    assertOneLineUsageError(run(benchTable("--report", "test_accuracy")),
        table + ": no column 'test_accuracy'; the columns are: candidate, valid_acc, test_acc, train_time");
  }

  @Test
  void malformedRowIsAOneLineErrorWithItsLine() throws Exception {
    Path bad = work.resolve("bad.csv");
    List<String> rows = new ArrayList<>(Files.readAllLines(table).subList(0, 5));
    rows.set(3, rows.get(3).replaceFirst(",[^,]*,", ",x,"));
    Files.write(bad, rows);
    assertOneLineUsageError(run(benchTable("--table", bad.toString())),
        bad + ":4:2: valid_acc must be a finite number, got 'x'");
  }

  @Test
  void tableLackingAProposedCandidateIsAOneLineError() throws Exception {
    Path partial = work.resolve("partial.csv");
    Files.write(partial, Files.readAllLines(table).subList(0, 101));
    CliProcess.Result result = run(benchTable("--table", partial.toString()));
    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().matches("nautilus: \\Q" + partial + "\\E: the searcher proposed candidate '[^']+' "
        + "\\(trial #\\d+\\), which the table lacks\n"), result.stderr());
  }

  @Test
  void unknownStrategyIsAOneLineError() throws Exception {
    CliProcess.Result result = run(benchTable("--strategy", "annealing"));
    assertEquals(2, result.exitCode(), result.stderr());
    assertTrue(result.stderr().startsWith("nautilus: --strategy: unknown strategy 'annealing', expected one of random"),
        result.stderr());
    assertEquals(1, result.stderr().lines().count(), result.stderr());
  }

  @Test
  void nonPositiveBudgetIsAOneLineError() throws Exception {
    assertOneLineUsageError(run(benchTable("--budget-seconds", "0")),
        "--budget-seconds must be a finite number > 0, got 0.0");
  }

  @Test
  void noWorkersIsAOneLineError() throws Exception {
    assertOneLineUsageError(run(benchTable("--workers", "0")), "--workers must be >= 1, got 0");
  }

  @Test
  void badDirectionIsAOneLineError() throws Exception {
    assertOneLineUsageError(run(benchTable("--direction", "up")), "--direction must be maximize or minimize, got 'up'");
  }

  @Test
  void benchAloneNamesItsSubcommands() throws Exception {
    assertOneLineUsageError(CliProcess.run(work, 60, "bench"),
        "bench needs a subcommand: table, synthetic-table or train (see 'nautilus bench --help')");
  }
}
