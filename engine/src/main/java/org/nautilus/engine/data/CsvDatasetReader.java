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
 * the target ({@link CsvOptions}), every other one a numeric feature. A file without a header
 * ({@link CsvOptions#header()} false) has rows only, and its columns are named by their 0-based index. Quoting follows RFC 4180
 * (Jackson's CSV parser); blank lines are skipped; the file may be gzipped (recognised by content).
 *
 * <p>Every problem is a {@link DatasetException} whose one-line message names the file, the line
 * and, where there is one, the column: {@code iris.csv: line 7: 4 fields, but the header has 5},
 * {@code iris.csv: line 9, column 'petal_width': 'NaN' is not a finite number}; without a header,
 * {@code iris.csv: line 9, column 3: 'NaN' is not a finite number}.
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
    return columns(file, true);
  }

  /**
   * The column names of {@code file}: its header's, or without a header {@code "0".."w-1"} for the
   * {@code w} fields of its first row; reads no further than that line.
   */
  public static List<String> columns(Path file, boolean header) {
    return withFile(file, (name, reader) -> {
      Table table = table(name, reader, 1, header);
      table.requireLines();
      return List.of(table.rows.get(0));
    });
  }

  /**
   * The numbers in column {@code column} of {@code file}, row by row, e.g. a time series; the other
   * columns are not read as numbers, so they may hold anything (dates, names).
   */
  public static double[] series(Path file, String column) {
    return series(file, column, true);
  }

  /** As {@link #series(Path, String)}; without a header, {@code column} is a 0-based index as text. */
  public static double[] series(Path file, String column, boolean header) {
    return withFile(file, (name, reader) -> {
      Table table = table(name, reader, Integer.MAX_VALUE, header);
      int index = table.column(column);
      double[] values = new double[table.size()];
      for (int i = 0; i < values.length; i++) {
        String[] row = table.row(i);
        values[i] = number(name, table.lines.get(i + 1), table.label(index), row[index]);
      }
      return values;
    });
  }

  /** Reads CSV text from {@code reader} (closed by the caller); {@code name} appears in messages. */
  public static TabularDataset read(String name, Reader reader, CsvOptions options) throws IOException {
    Table table = table(name, reader, Integer.MAX_VALUE, options.header());
    List<String[]> rows = table.rows;
    List<Integer> lines = table.lines;
    int labelIndex = table.column(options.labelColumn());
    String[] header = rows.get(0);
    if (header.length < 2) {
      throw new DatasetException(name + ": line " + lines.get(table.header ? 0 : 1) + ": no feature columns besides "
          + table.label(labelIndex));
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
          features[i * d + f++] = (float) number(name, line, table.label(j), row[j]);
        }
      }
    }
    if (options.task() == Task.REGRESSION) {
      double[] targets = new double[n];
      for (int i = 0; i < n; i++) {
        targets[i] = number(name, lines.get(i + 1), table.label(labelIndex), rawTargets[i]);
      }
      return TabularDataset.regression(featureNames, features, targets);
    }
    List<String> classes = options.classes().orElseGet(() -> distinctClasses(rawTargets));
    if (classes.size() < 2) {
      throw new DatasetException(name + ": " + table.label(labelIndex) + " holds " + classes.size()
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
        throw new DatasetException(name + ": line " + lines.get(i + 1) + ", " + table.label(labelIndex)
            + ": class '" + rawTargets[i] + "' is not one of " + String.join(", ", classes));
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

  /**
   * Up to {@code limit} records of CSV text (the header first) and the line each began on; without a
   * {@code header}, a header naming the columns of the first record by index is put first, at line 0.
   */
  private static Table table(String name, Reader reader, int limit, boolean header) throws IOException {
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
    if (!header && !rows.isEmpty()) {
      String[] names = new String[rows.get(0).length];
      for (int j = 0; j < names.length; j++) {
        names[j] = Integer.toString(j);
      }
      rows.add(0, names);
      lines.add(0, 0);
    }
    return new Table(name, rows, lines, header);
  }

  /**
   * Parsed records: {@code rows.get(0)} is the header (made up, at line 0, when the file has none),
   * {@code lines} the line of each record.
   */
  private record Table(String name, List<String[]> rows, List<Integer> lines, boolean header) {
    /** Refuses a file without a line. */
    void requireLines() {
      if (rows.isEmpty()) {
        throw new DatasetException(name + (header ? ": empty file, expected a header line naming the columns"
            : ": empty file, expected rows of comma-separated values"));
      }
    }

    /** The index of the header's column {@code column} (without a header, the index as text). */
    int column(String column) {
      requireLines();
      String[] names = rows.get(0);
      int index = List.of(names).lastIndexOf(column);
      if (index < 0 && header) {
        throw new DatasetException(name + ": line " + lines.get(0) + ": no column '" + column
            + "' in the header (columns: " + String.join(", ", names) + ")");
      }
      if (index < 0) {
        throw new DatasetException(name + ": no column " + column + ", line " + lines.get(1) + " has "
            + names.length + " (columns 0.." + (names.length - 1) + ")");
      }
      return index;
    }

    /** Column {@code j} as messages name it: {@code column 'price'}, or {@code column 3} without a header. */
    String label(int j) {
      return header ? "column '" + rows.get(0)[j] + "'" : "column " + j;
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
        throw new DatasetException(name + ": line " + lines.get(i + 1) + ": " + row.length + " fields, but "
            + (header ? "the header has " : "line " + lines.get(1) + " has ") + rows.get(0).length);
      }
      return row;
    }
  }

  /** {@code text} as a finite number; {@code column} is how messages name its column ({@link Table#label}). */
  private static double number(String name, int line, String column, String text) {
    if (text.isEmpty()) {
      throw new DatasetException(name + ": line " + line + ", " + column + ": missing value");
    }
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DatasetException(name + ": line " + line + ", " + column + ": '" + text + "' is not a number");
    }
    if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
      throw new DatasetException(name + ": line " + line + ", " + column + ": '" + text + "' is not a finite number");
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
