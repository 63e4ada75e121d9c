package org.nautilus.engine.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a CSV data set: a header line naming the columns, then one row per example; one column is
 * the target ({@link CsvOptions}), every other one a numeric feature. Quoting follows RFC 4180
 * (Jackson's CSV parser); blank lines are skipped; the file may be gzipped (recognised by content).
 *
 * <p>Every problem is a {@link DatasetException} whose one-line message names the file, the line
 * and, where there is one, the column: {@code iris.csv: line 7: 4 fields, but the header has 5},
 * {@code iris.csv: line 9, column 'petal_width': 'NaN' is not a finite number}.
 */
public final class CsvDatasetReader {
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvParser.Feature.TRIM_SPACES)
      .build();

  private CsvDatasetReader() {}

  /** Reads {@code file}. */
  public static TabularDataset read(Path file, CsvOptions options) {
    return withFile(file, (name, reader) -> read(name, reader, options));
  }

  /** The column names in the header of {@code file}, in order; reads no further than the header. */
  public static List<String> columns(Path file) {
    return withFile(file, (name, reader) -> {
      Table table = table(name, reader, 1);
      if (table.rows.isEmpty()) {
        throw new DatasetException(name + ": empty file, expected a header line naming the columns");
      }
      return List.of(table.rows.get(0));
    });
  }

  /**
   * The numbers in column {@code column} of {@code file}, row by row, e.g. a time series; the other
   * columns are not read as numbers, so they may hold anything (dates, names).
   */
  public static double[] series(Path file, String column) {
    return withFile(file, (name, reader) -> {
      Table table = table(name, reader, Integer.MAX_VALUE);
      int index = table.column(column);
      double[] values = new double[table.size()];
      for (int i = 0; i < values.length; i++) {
        String[] row = table.row(i);
        values[i] = number(name, table.lines.get(i + 1), column, row[index]);
      }
      return values;
    });
  }

  /** Reads CSV text from {@code reader} (closed by the caller); {@code name} appears in messages. */
  public static TabularDataset read(String name, Reader reader, CsvOptions options) throws IOException {
    Table table = table(name, reader, Integer.MAX_VALUE);
    List<String[]> rows = table.rows;
    List<Integer> lines = table.lines;
    int labelIndex = table.column(options.labelColumn());
    String[] header = rows.get(0);
    if (header.length < 2) {
      throw new DatasetException(name + ": line " + lines.get(0) + ": no feature columns besides '"
          + options.labelColumn() + "'");
    }
    List<String> featureNames = new ArrayList<>();
    for (int j = 0; j < header.length; j++) {
      if (j != labelIndex) {
        featureNames.add(header[j]);
      }
    }
    int n = table.size();
    int d = featureNames.size();
    float[] features = new float[n * d];
    String[] rawTargets = new String[n];
    for (int i = 0; i < n; i++) {
      String[] row = table.row(i);
      int line = lines.get(i + 1);
      int f = 0;
      for (int j = 0; j < row.length; j++) {
        if (j == labelIndex) {
          rawTargets[i] = row[j];
        } else {
          features[i * d + f++] = (float) number(name, line, header[j], row[j]);
        }
      }
    }
    if (options.task() == Task.REGRESSION) {
      double[] targets = new double[n];
      for (int i = 0; i < n; i++) {
        targets[i] = number(name, lines.get(i + 1), options.labelColumn(), rawTargets[i]);
      }
      return TabularDataset.regression(featureNames, features, targets);
    }
    List<String> classes = options.classes().orElseGet(() -> distinctClasses(rawTargets));
    if (classes.size() < 2) {
      throw new DatasetException(name + ": column '" + options.labelColumn() + "' holds " + classes.size()
          + " class (" + String.join(", ", classes) + "), classification needs at least 2");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Integer label = index.get(rawTargets[i]);
      if (label == null) {
        throw new DatasetException(name + ": line " + lines.get(i + 1) + ", column '" + options.labelColumn()
            + "': class '" + rawTargets[i] + "' is not one of " + String.join(", ", classes));
      }
      labels[i] = label;
    }
    return TabularDataset.classification(featureNames, features, labels, classes);
  }

  /** Reads the CSV text of {@code file} with {@code body}, turning I/O failures into one-line messages. */
  private static <T> T withFile(Path file, CsvBody<T> body) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    try (InputStream in = IdxReader.decompressIfGzip(Files.newInputStream(file))) {
      return body.read(name, new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(name + ": " + oneLine(e), e);
    }
  }

  private interface CsvBody<T> {
    T read(String name, Reader reader) throws IOException;
  }

  /** Up to {@code limit} records of CSV text (the header first) and the line each began on. */
  private static Table table(String name, Reader reader, int limit) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(reader)) {
      while (rows.size() < limit) {
        String[] row;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          row = it.nextValue();
        } catch (IOException | RuntimeException e) {
          throw new DatasetException(name + ": line " + it.getCurrentLocation().getLineNr() + ": " + oneLine(e), e);
        }
        rows.add(row);
        // the parser stands at the start of the next line once a row is read
        lines.add(it.getCurrentLocation().getLineNr() - 1);
      }
    }
    return new Table(name, rows, lines);
  }

  /** Parsed records: {@code rows.get(0)} is the header, {@code lines} the line of each record. */
  private record Table(String name, List<String[]> rows, List<Integer> lines) {
    /** The index of the header's column {@code column}. */
    int column(String column) {
      if (rows.isEmpty()) {
        throw new DatasetException(name + ": empty file, expected a header line naming the columns");
      }
      String[] header = rows.get(0);
      int index = List.of(header).lastIndexOf(column);
      if (index < 0) {
        throw new DatasetException(name + ": line " + lines.get(0) + ": no column '" + column
            + "' in the header (columns: " + String.join(", ", header) + ")");
      }
      return index;
    }

    /** The number of data rows, at least one. */
    int size() {
      if (rows.size() < 2) {
        throw new DatasetException(name + ": no rows after the header");
      }
      return rows.size() - 1;
    }

    /** Data row {@code i} (0 is the first after the header), checked to have the header's width. */
    String[] row(int i) {
      String[] row = rows.get(i + 1);
      if (row.length != rows.get(0).length) {
        throw new DatasetException(name + ": line " + lines.get(i + 1) + ": " + row.length
            + " fields, but the header has " + rows.get(0).length);
      }
      return row;
    }
  }

  private static double number(String name, int line, String column, String text) {
    if (text.isEmpty()) {
      throw new DatasetException(name + ": line " + line + ", column '" + column + "': missing value");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DatasetException(name + ": line " + line + ", column '" + column + "': '" + text
          + "' is not a number");
    }
    if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
      throw new DatasetException(name + ": line " + line + ", column '" + column + "': '" + text
          + "' is not a finite number");
    }
    return value;
  }

  /** Distinct values, numerically ordered if all are integers, else in string order. */
  private static List<String> distinctClasses(String[] values) {
    boolean integers = true;
    for (String v : values) {
      integers &= v.matches("-?\\d{1,18}");
    }
    Comparator<String> order = integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder();
    TreeSet<String> distinct = new TreeSet<>(order);
    for (String v : values) {
      distinct.add(v);
    }
    return List.copyOf(distinct);
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
