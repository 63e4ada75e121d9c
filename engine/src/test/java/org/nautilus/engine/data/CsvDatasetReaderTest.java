package org.nautilus.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private String error(String text, CsvOptions options) throws IOException {
    Path file = write("bad.csv", text);
    return assertThrows(DatasetException.class, () -> CsvDatasetReader.read(file, options)).getMessage();
  }

  @Test
  void readsAClassificationTableWithTheLabelInAnyColumn() throws IOException {
    Path file = write("iris.csv", "sepal,species,petal\n5.1,setosa,1.4\n\n7.0,\"versicolor\",4.7\n6.3, virginica ,6.0\n"
        + "4.9,setosa,1.5\n");
    TabularDataset data = CsvDatasetReader.read(file, CsvOptions.classification("species"));
    assertEquals(List.of("sepal", "petal"), data.featureNames());
    assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
    assertArrayEquals(new int[] {0, 1, 2, 0}, data.labels());
    assertArrayEquals(new float[] {5.1f, 1.4f, 7.0f, 4.7f, 6.3f, 6.0f, 4.9f, 1.5f}, data.features());
    assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0}, data.oneHotLabels());
  }

  @Test
  void integerClassesAreOrderedNumericallyAndFixedClassesKeepTheirOrder() throws IOException {
    Path file = write("digits.csv", "x,y\n1,10\n2,9\n3,2\n");
    assertEquals(List.of("2", "9", "10"), CsvDatasetReader.read(file, CsvOptions.classification("y")).classNames());
    TabularDataset fixed = CsvDatasetReader.read(file, CsvOptions.classification("y").withClasses(
        List.of("10", "9", "2", "7")));
    assertArrayEquals(new int[] {0, 1, 2}, fixed.labels());
    assertEquals(4, fixed.numClasses());
  }

  @Test
  void readsRegressionFromAGzippedFile() throws IOException {
    Path file = dir.resolve("houses.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("rooms,price\n3,250000.5\n4,1e6\n".getBytes(StandardCharsets.UTF_8));
    }
    TabularDataset data = CsvDatasetReader.read(file, CsvOptions.regression("price"));
    assertEquals(Task.REGRESSION, data.task());
    assertArrayEquals(new double[] {250000.5, 1e6}, data.targets());
    assertArrayEquals(new float[] {3, 4}, data.features());
    assertThrows(IllegalStateException.class, data::labels);
  }

  @Test
  void aRaggedRowNamesItsLine() throws IOException {
    assertEquals("bad.csv: line 4: 2 fields, but the header has 3",
        error("a,b,label\n1,2,x\n3,4,y\n5,6\n", CsvOptions.classification("label")));
  }

  @Test
  void aNanOrTextFeatureNamesLineAndColumn() throws IOException {
    assertEquals("bad.csv: line 3, column 'b': 'NaN' is not a finite number",
        error("a,b,label\n1,2,x\n3,NaN,y\n", CsvOptions.classification("label")));
    assertEquals("bad.csv: line 2, column 'a': 'one' is not a number",
        error("a,b,label\none,2,x\n3,4,y\n", CsvOptions.classification("label")));
    assertEquals("bad.csv: line 3, column 'a': missing value",
        error("a,b,label\n1,2,x\n,4,y\n", CsvOptions.classification("label")));
    assertEquals("bad.csv: line 2, column 'y': 'inf' is not a number",
        error("a,y\n1,inf\n", CsvOptions.regression("y")));
  }

  @Test
  void aLabelOutsideTheFixedClassesNamesLineAndValue() throws IOException {
    assertEquals("bad.csv: line 3, column 'label': class '7' is not one of 0, 1, 2",
        error("a,label\n1,0\n2,7\n", CsvOptions.classification("label").withClasses(List.of("0", "1", "2"))));
  }

  @Test
  void headerProblemsAreOneLine() throws IOException {
    assertEquals("bad.csv: line 1: no column 'label' in the header (columns: a, b)",
        error("a,b\n1,2\n", CsvOptions.classification("label")));
    assertEquals("bad.csv: empty file, expected a header line naming the columns",
        error("", CsvOptions.classification("label")));
    assertEquals("bad.csv: no rows after the header", error("a,label\n", CsvOptions.classification("label")));
    assertEquals("bad.csv: column 'label' holds 1 class (x), classification needs at least 2",
        error("a,label\n1,x\n2,x\n", CsvOptions.classification("label")));
    Path missing = dir.resolve("none.csv");
    assertEquals(missing + ": no such file", assertThrows(DatasetException.class,
        () -> CsvDatasetReader.read(missing, CsvOptions.classification("label"))).getMessage());
  }

  @Test
  void columnsAreTheHeaderAndARaggedRowBelowIsNotRead() throws IOException {
    assertEquals(List.of("date", "level", "note"), CsvDatasetReader.columns(write("h.csv", "date,level,note\n1,2\n")));
    assertEquals("bad.csv: empty file, expected a header line naming the columns",
        assertThrows(DatasetException.class, () -> CsvDatasetReader.columns(write("bad.csv", ""))).getMessage());
  }

  @Test
  void aSeriesIsOneNumericColumnWhateverTheOthersHold() throws IOException {
    Path file = write("river.csv", "date,level,note\n2024-01-01,1.5,dry\n2024-01-02,2.25,\n\n2024-01-03,-3,flood\n");
    assertArrayEquals(new double[] {1.5, 2.25, -3}, CsvDatasetReader.series(file, "level"));
    assertEquals("river.csv: line 1: no column 'depth' in the header (columns: date, level, note)",
        assertThrows(DatasetException.class, () -> CsvDatasetReader.series(file, "depth")).getMessage());
    assertEquals("river.csv: line 2, column 'date': '2024-01-01' is not a number",
        assertThrows(DatasetException.class, () -> CsvDatasetReader.series(file, "date")).getMessage());
    Path ragged = write("ragged.csv", "t,v\n1,2\n3\n");
    assertEquals("ragged.csv: line 3: 1 fields, but the header has 2",
        assertThrows(DatasetException.class, () -> CsvDatasetReader.series(ragged, "v")).getMessage());
  }

  @Test
  void withoutAHeaderEveryLineIsARowAndColumnsAreIndices() throws IOException {
    Path file = write("iris.data", "5.1,setosa,1.4\n7.0,versicolor,4.7\n\n4.9,setosa,1.5\n");
    TabularDataset data = CsvDatasetReader.read(file, CsvOptions.classification("1").withoutHeader());
    assertEquals(List.of("0", "2"), data.featureNames());
    assertEquals(List.of("setosa", "versicolor"), data.classNames());
    assertArrayEquals(new int[] {0, 1, 0}, data.labels());
    assertArrayEquals(new float[] {5.1f, 1.4f, 7.0f, 4.7f, 4.9f, 1.5f}, data.features());
    assertEquals(List.of("0", "1", "2"), CsvDatasetReader.columns(file, false));
    assertArrayEquals(new double[] {1.4, 4.7, 1.5}, CsvDatasetReader.series(file, "2", false));
  }

  @Test
  void withoutAHeaderProblemsNameColumnsByIndex() throws IOException {
    CsvOptions label2 = CsvOptions.classification("2").withoutHeader();
    assertEquals("bad.csv: no column 5, line 1 has 3 (columns 0..2)",
        error("1,2,x\n3,4,y\n", CsvOptions.classification("5").withoutHeader()));
    assertEquals("bad.csv: line 3: 2 fields, but line 1 has 3", error("1,2,x\n3,4,y\n5,6\n", label2));
    assertEquals("bad.csv: line 2, column 1: 'NaN' is not a finite number", error("1,2,x\n3,NaN,y\n", label2));
    assertEquals("bad.csv: column 2 holds 1 class (x), classification needs at least 2",
        error("1,2,x\n3,4,x\n", label2));
    assertEquals("bad.csv: empty file, expected rows of comma-separated values", error("", label2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvOptions.classification("species").withoutHeader());
    assertEquals("without a header the label column is a 0-based index, got 'species'", e.getMessage());
  }
}
