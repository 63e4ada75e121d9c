package org.nautilus.nas.bench;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.Nb201Cell;
import org.nautilus.nas.space.Nb201Space;
import org.nautilus.nas.space.SearchSpace;

/**
 * A tabular benchmark: for every candidate of a search space, the value of the search signal, the
 * cost of the evaluation in seconds, and the columns to report, read from a CSV table.
 *
 * <p>The table has a header. Column {@value TableColumns#CANDIDATE} holds canonical strings of the
 * space; the columns named by {@link TableColumns} hold finite numbers (costs must be positive);
 * other columns are ignored. Fields are comma-separated and may be double-quoted. Each error is one
 * line naming the file, the line and, for a bad value, the field number (1-based) and column name:
 * {@code T.csv:17:2: valid_acc must be a finite number, got 'abc'}.
 *
 * <p>Immutable after loading and safe to share between threads. Lookups are O(1): by canonical
 * string through a hash index, and for NAS-Bench-201 cells by {@link Nb201Cell#index()} through a
 * dense array (no string is built).
 */
public final class TabularBenchmark {
  private final String source;
  private final SearchSpace<?> space;
  private final TableColumns columns;
  private final String[] candidates;
  private final double[] objective;
  private final double[] cost;
  /** Row-major: {@code report[row * reportCount + column]}. */
  private final double[] report;
  private final int reportCount;
  private final Map<String, Integer> rowOfCanonical;
  /** Row of each NB201 cell index, -1 where the table lacks the cell; null for other spaces. */
  private final int[] rowOfNb201Index;

  private TabularBenchmark(String source, SearchSpace<?> space, TableColumns columns, List<String> candidates,
      double[] objective, double[] cost, double[] report, Map<String, Integer> rowOfCanonical,
      int[] rowOfNb201Index) {
    this.source = source;
    this.space = space;
    this.columns = columns;
    this.candidates = candidates.toArray(new String[0]);
    this.objective = objective;
    this.cost = cost;
    this.report = report;
    this.reportCount = columns.report().size();
    this.rowOfCanonical = rowOfCanonical;
    this.rowOfNb201Index = rowOfNb201Index;
  }

  /**
   * Reads the table in {@code file} (UTF-8); errors name the file as {@code file.toString()}.
   *
   * @throws TableException if the file cannot be read or does not hold a valid table
   */
  public static TabularBenchmark load(Path file, SearchSpace<?> space, TableColumns columns) {
    String source = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, source, space, columns);
    } catch (NoSuchFileException e) {
      throw new TableException(source + ": no such file", e);
    } catch (IOException e) {
      throw new TableException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a table from {@code reader}; {@code source} names it in error messages.
   *
   * @throws TableException if the text is not a valid table for {@code space} and {@code columns}
   */
  public static TabularBenchmark read(Reader reader, String source, SearchSpace<?> space, TableColumns columns)
      throws IOException {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(columns, "columns");
    CsvFactory factory = new CsvFactory();
    try (CsvParser parser = factory.createParser(reader)) {
      parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      Loader loader = new Loader(source, space, columns);
      // Without a schema the parser wraps the file in an array of rows, each row an array of strings.
      List<String> fields = new ArrayList<>();
      int depth = 0;
      int line = 0;
      JsonToken token;
      while ((token = next(parser, source)) != null) {
        if (token == JsonToken.START_ARRAY) {
          depth++;
          fields.clear();
        } else if (token == JsonToken.VALUE_STRING && depth == 2) {
          if (fields.isEmpty()) {
            line = parser.currentTokenLocation().getLineNr();
          }
          fields.add(parser.getText());
        } else if (token == JsonToken.END_ARRAY) {
          if (depth-- == 2 && !(fields.size() == 1 && fields.get(0).isEmpty())) { // skips empty lines
            loader.accept(line, fields);
          }
        }
      }
      return loader.finish();
    }
  }

  private static JsonToken next(CsvParser parser, String source) throws IOException {
    try {
      return parser.nextToken();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new TableException(source + ":" + line + ": malformed CSV: " + e.getOriginalMessage(), e);
    }
  }

  /** Where the table came from, as named in messages (usually the path). */
  public String source() {
    return source;
  }

  /** The space whose candidates the table holds. */
  public SearchSpace<?> space() {
    return space;
  }

  /** The roles of the columns this table was read with. */
  public TableColumns columns() {
    return columns;
  }

  /** Number of rows (candidates). */
  public int size() {
    return candidates.length;
  }

  /** The row of {@code candidate}, or -1 if the table lacks it. */
  public int row(Candidate candidate) {
    if (rowOfNb201Index != null && candidate instanceof Nb201Cell cell) {
      return rowOfNb201Index[cell.index()];
    }
    return row(candidate.canonical());
  }

  /** The row of the candidate with this canonical string, or -1 if the table lacks it. */
  public int row(String canonical) {
    Integer row = rowOfCanonical.get(canonical);
    return row == null ? -1 : row;
  }

  /** Canonical string of the candidate in {@code row}. */
  public String candidate(int row) {
    return candidates[row];
  }

  /** The search signal in {@code row}. */
  public double objective(int row) {
    return objective[row];
  }

  /** The cost in seconds of evaluating the candidate in {@code row}. */
  public double cost(int row) {
    return cost[row];
  }

  /** Report column {@code column} (an index into {@link TableColumns#report()}) in {@code row}. */
  public double report(int row, int column) {
    Objects.checkIndex(column, reportCount);
    return report[row * reportCount + column];
  }

  /** Builds the table row by row, checking each as it comes. */
  private static final class Loader {
    private final String source;
    private final SearchSpace<?> space;
    private final TableColumns columns;
    private List<String> header;
    private int candidateField;
    private int objectiveField;
    private int costField;
    private int[] reportFields;
    private final List<String> candidates = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private double[] objective = new double[1024];
    private double[] cost = new double[1024];
    private double[] report;
    private final Map<String, Integer> rowOfCanonical = new HashMap<>();
    private final int[] rowOfNb201Index;

    Loader(String source, SearchSpace<?> space, TableColumns columns) {
      this.source = source;
      this.space = space;
      this.columns = columns;
      this.report = new double[1024 * Math.max(1, columns.report().size())];
      if (space instanceof Nb201Space) {
        rowOfNb201Index = new int[Nb201Space.SIZE];
        Arrays.fill(rowOfNb201Index, -1);
      } else {
        rowOfNb201Index = null;
      }
    }

    void accept(int line, List<String> fields) {
      if (header == null) {
        readHeader(line, fields);
        return;
      }
      if (fields.size() != header.size()) {
        throw new TableException(source + ":" + line + ": expected " + header.size()
            + " fields as in the header, got " + fields.size());
      }
      String text = fields.get(candidateField);
      Candidate candidate;
      try {
        candidate = space.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TableException(source + ":" + line + ": " + TableColumns.CANDIDATE + " '" + text
            + "' is not a " + space.name() + " cell: " + e.getMessage(), e);
      }
      String canonical = candidate.canonical();
      int row = candidates.size();
      Integer earlier = rowOfCanonical.putIfAbsent(canonical, row);
      if (earlier != null) {
        throw new TableException(source + ":" + line + ": " + TableColumns.CANDIDATE + " '" + text
            + "' repeats line " + lines.get(earlier));
      }
      grow(row + 1);
      objective[row] = number(line, fields, objectiveField);
      cost[row] = number(line, fields, costField);
      if (!(cost[row] > 0)) {
        throw new TableException(source + ":" + line + ":" + (costField + 1) + ": cost " + columns.cost()
            + " must be > 0 seconds, got '" + fields.get(costField) + "'");
      }
      int k = reportFields.length;
      for (int c = 0; c < k; c++) {
        report[row * k + c] = number(line, fields, reportFields[c]);
      }
      candidates.add(canonical);
      lines.add(line);
      if (rowOfNb201Index != null) {
        rowOfNb201Index[((Nb201Cell) candidate).index()] = row;
      }
    }

    private void readHeader(int line, List<String> fields) {
      header = List.copyOf(fields);
      candidateField = field(TableColumns.CANDIDATE);
      objectiveField = field(columns.objective());
      costField = field(columns.cost());
      reportFields = columns.report().stream().mapToInt(this::field).toArray();
    }

    private int field(String name) {
      int at = header.indexOf(name);
      if (at < 0) {
        throw new TableException(source + ": no column '" + name + "'; the columns are: "
            + String.join(", ", header));
      }
      return at;
    }

    private double number(int line, List<String> fields, int field) {
      String text = fields.get(field);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
      if (!Double.isFinite(value)) {
        throw new TableException(source + ":" + line + ":" + (field + 1) + ": " + header.get(field)
            + " must be a finite number, got '" + text + "'");
      }
      return value;
    }

    private void grow(int rows) {
      if (rows > objective.length) {
        int capacity = Math.max(rows, objective.length * 2);
        objective = Arrays.copyOf(objective, capacity);
        cost = Arrays.copyOf(cost, capacity);
        report = Arrays.copyOf(report, capacity * Math.max(1, reportFields.length));
      }
    }

    TabularBenchmark finish() {
      if (header == null) {
        throw new TableException(source + ": empty file, expected a header with a '" + TableColumns.CANDIDATE
            + "' column");
      }
      int n = candidates.size();
      if (n == 0) {
        throw new TableException(source + ": no rows after the header");
      }
      return new TabularBenchmark(source, space, columns, candidates, Arrays.copyOf(objective, n),
          Arrays.copyOf(cost, n), Arrays.copyOf(report, n * reportFields.length), Map.copyOf(rowOfCanonical),
          rowOfNb201Index);
    }
  }
}
