package org.nautilus.nas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;

class TabularBenchmarkTest {
  static final String A = Nb201Cell.ofIndex(0).canonical();
  static final String B = Nb201Cell.ofIndex(1).canonical();
  static final String HEADER = "candidate,valid,test,time,note\n";
  static final TableColumns COLUMNS = TableColumns.of("valid", "time", "test");

  static TabularBenchmark read(String text) throws IOException {
    return TabularBenchmark.read(new StringReader(text), "T.csv", new Nb201Space(), COLUMNS);
  }

  @Test
  void readsRolesAndLooksUpByCellStringAndIndex() throws IOException {
    TabularBenchmark table = read(HEADER + A + ",80.5,90.25,100,any text\n\"" + B + "\",81,91,\"50.5\",\n");
    assertEquals(2, table.size());
    int b = table.row(Nb201Cell.ofIndex(1));
    assertEquals(1, b);
    assertEquals(b, table.row(B));
    assertEquals(81.0, table.objective(b));
    assertEquals(50.5, table.cost(b));
    assertEquals(91.0, table.report(b, 0));
    assertEquals(B, table.candidate(b));
    assertEquals(0, table.row(Nb201Cell.ofIndex(0)));
    assertEquals(-1, table.row(Nb201Cell.ofIndex(2)));
    assertEquals(-1, table.row("|none~0|"));
  }

  @Test
  void skipsEmptyLinesAndCountsThemInLineNumbers() {
    TableException e = assertThrows(TableException.class,
        () -> read(HEADER + "\n" + A + ",80,90,100,x\n\n" + B + ",80,oops,100,x\n"));
    assertEquals("T.csv:5:3: test must be a finite number, got 'oops'", e.getMessage());
  }

  static Stream<Arguments> malformed() {
    String bad = "|nor_conv_3x3~0|+|none~0|none~1|";
    return Stream.of(
        Arguments.of(HEADER + A + ",80,90,100,x\n" + bad + ",80,90,100,x\n",
            "T.csv:3: candidate '" + bad + "' is not a nb201 cell: a NAS-Bench-201 cell string has 3 nodes "
                + "separated by '+', got 2 in '" + bad + "'"),
        Arguments.of(HEADER + "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|,80,90,100,x\n",
            "T.csv:2: candidate '|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|' is not a nb201 cell: unknown "
                + "NAS-Bench-201 op 'conv', expected one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3"),
        Arguments.of("candidate,valid,time,note\n" + A + ",80,100,x\n",
            "T.csv: no column 'test'; the columns are: candidate, valid, time, note"),
        Arguments.of("cand,valid,test,time\n" + A + ",80,90,100\n",
            "T.csv: no column 'candidate'; the columns are: cand, valid, test, time"),
        Arguments.of(HEADER + A + ",abc,90,100,x\n", "T.csv:2:2: valid must be a finite number, got 'abc'"),
        Arguments.of(HEADER + A + ",NaN,90,100,x\n", "T.csv:2:2: valid must be a finite number, got 'NaN'"),
        Arguments.of(HEADER + A + ",80,Infinity,100,x\n", "T.csv:2:3: test must be a finite number, got 'Infinity'"),
        Arguments.of(HEADER + A + ",80,,100,x\n", "T.csv:2:3: test must be a finite number, got ''"),
        Arguments.of(HEADER + A + ",80,90,0,x\n", "T.csv:2:4: cost time must be > 0 seconds, got '0'"),
        Arguments.of(HEADER + A + ",80,90,-3,x\n", "T.csv:2:4: cost time must be > 0 seconds, got '-3'"),
        Arguments.of(HEADER + A + ",80,90,100\n", "T.csv:2: expected 5 fields as in the header, got 4"),
        Arguments.of(HEADER + A + ",80,90,100,x\n" + B + ",80,90,100,x\n" + A + ",1,2,3,x\n",
            "T.csv:4: candidate '" + A + "' repeats line 2"),
        Arguments.of("", "T.csv: empty file, expected a header with a 'candidate' column"),
        Arguments.of(HEADER, "T.csv: no rows after the header"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedTableIsOneLineNamingFileLineAndField(String text, String expected) {
    TableException e = assertThrows(TableException.class, () -> read(text));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("absent.csv");
    TableException e = assertThrows(TableException.class,
        () -> TabularBenchmark.load(file, new Nb201Space(), COLUMNS));
    assertEquals(file + ": no such file", e.getMessage());
  }

  @Test
  void loadsFromFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, HEADER + A + ",80,90,100,x\n");
    TabularBenchmark table = TabularBenchmark.load(file, new Nb201Space(), COLUMNS);
    assertEquals(file.toString(), table.source());
    assertEquals(100.0, table.cost(table.row(A)));
  }

  @Test
  void columnRolesAreChecked() {
    assertEquals("report column 'a' is named twice",
        assertThrows(IllegalArgumentException.class, () -> TableColumns.of("v", "t", "a", "a")).getMessage());
    assertEquals("'candidate' holds candidates, not numbers",
        assertThrows(IllegalArgumentException.class, () -> TableColumns.of("candidate", "t")).getMessage());
  }
}
