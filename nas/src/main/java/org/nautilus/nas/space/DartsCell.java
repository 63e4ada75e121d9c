package org.nautilus.nas.space;

import java.util.ArrayList;
import java.util.List;

/**
 * A DARTS architecture: a normal cell and a reduction cell with the same number of intermediate nodes.
 *
 * <p>Canonical string grammar (no spaces):
 * <pre>
 *   cell  := "normal=" nodes "+reduce=" nodes
 *   nodes := "[" node ( "|" node )* "]"          one node per intermediate node, in order
 *   node  := edge "," edge                        lower input first
 *   edge  := op "~" input                         op a DARTS op name; input in 0 .. 1 + node's index
 * </pre>
 * e.g. {@code normal=[sep_conv_3x3~0,sep_conv_3x3~1|skip_connect~0,sep_conv_3x3~1|...]+reduce=[max_pool_3x3~0,max_pool_3x3~1|...]}.
 * Inputs 0 and 1 are the cell's inputs; input {@code 2 + j} is intermediate node {@code j}, so node
 * {@code j} may read inputs {@code 0 .. j + 1}. The two cells are joined by {@code +}, not {@code ;},
 * so that a cell combined with hyperparameters ({@link CellWithHyperparameters}) splits at its first {@code ;}.
 *
 * @param normal the normal cell's intermediate nodes, in order
 * @param reduce the reduction cell's intermediate nodes, in order
 */
public record DartsCell(List<DartsNode> normal, List<DartsNode> reduce) implements Candidate {
  public DartsCell {
    normal = List.copyOf(normal);
    reduce = List.copyOf(reduce);
    if (normal.isEmpty() || normal.size() != reduce.size()) {
      throw new IllegalArgumentException("the normal and reduction cells need the same number (>= 1) of nodes, got "
          + normal.size() + " and " + reduce.size());
    }
    check("normal", normal);
    check("reduce", reduce);
  }

  private static void check(String cell, List<DartsNode> nodes) {
    for (int j = 0; j < nodes.size(); j++) {
      if (nodes.get(j).inputB() > j + 1) {
        throw new IllegalArgumentException(cell + " node " + j + " may read inputs 0.." + (j + 1) + ", got "
            + nodes.get(j).inputB());
      }
    }
  }

  /** Number of intermediate nodes per cell. */
  public int nodes() {
    return normal.size();
  }

  @Override
  public String canonical() {
    return "normal=" + nodesString(normal) + "+reduce=" + nodesString(reduce);
  }

  private static String nodesString(List<DartsNode> nodes) {
    StringBuilder s = new StringBuilder("[");
    for (int j = 0; j < nodes.size(); j++) {
      s.append(j == 0 ? "" : "|").append(nodes.get(j).canonical());
    }
    return s.append(']').toString();
  }

  /**
   * Parses a canonical string (inputs of a node in either order); the message says what is wrong where.
   * Knows only the built-in ops: for cells with custom ops use {@link #parse(String, List)} or
   * {@link DartsSpace#parse}.
   */
  public static DartsCell parse(String text) {
    return parse(text, DartsOp.builtIns());
  }

  /**
   * Parses a canonical string, resolving op labels among {@code ops} (a space's ops) and the built-ins;
   * it does not check that the ops are in {@code ops} (the space does).
   */
  public static DartsCell parse(String text, List<DartsOp> ops) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty DARTS cell string");
    }
    String[] cells = text.strip().split("\\+", -1);
    if (cells.length != 2 || !cells[0].startsWith("normal=") || !cells[1].startsWith("reduce=")) {
      throw new IllegalArgumentException("a DARTS cell string is 'normal=[...]+reduce=[...]', got '" + text + "'");
    }
    return new DartsCell(parseNodes("normal", cells[0].substring("normal=".length()), ops),
        parseNodes("reduce", cells[1].substring("reduce=".length()), ops));
  }

  private static List<DartsNode> parseNodes(String cell, String text, List<DartsOp> known) {
    if (text.length() < 2 || text.charAt(0) != '[' || text.charAt(text.length() - 1) != ']') {
      throw new IllegalArgumentException(cell + " cell must look like '[op~i,op~j|...]', got '" + text + "'");
    }
    String[] nodes = text.substring(1, text.length() - 1).split("\\|", -1);
    List<DartsNode> out = new ArrayList<>(nodes.length);
    for (int j = 0; j < nodes.length; j++) {
      String[] edges = nodes[j].split(",", -1);
      if (edges.length != 2) {
        throw new IllegalArgumentException(cell + " node " + j + " must be 'op~i,op~j', got '" + nodes[j] + "'");
      }
      int[] inputs = new int[2];
      DartsOp[] ops = new DartsOp[2];
      for (int e = 0; e < 2; e++) {
        int tilde = edges[e].lastIndexOf('~');
        if (tilde < 0) {
          throw new IllegalArgumentException(cell + " node " + j + " edge must be 'op~input', got '" + edges[e] + "'");
        }
        String input = edges[e].substring(tilde + 1);
        if (!input.matches("[0-9]{1,4}") || Integer.parseInt(input) > j + 1) {
          throw new IllegalArgumentException(cell + " node " + j + " input must be in 0.." + (j + 1) + ", got '"
              + input + "'");
        }
        inputs[e] = Integer.parseInt(input);
        try {
          ops[e] = OpSets.resolve("DARTS", edges[e].substring(0, tilde), known, DartsOp::label, DartsOp::ofLabel,
              DartsOp::isBuiltIn);
        } catch (IllegalArgumentException unknown) {
          throw new IllegalArgumentException(cell + " node " + j + ": " + unknown.getMessage());
        }
      }
      if (inputs[0] == inputs[1]) {
        throw new IllegalArgumentException(cell + " node " + j + " takes two distinct inputs, got " + inputs[0]
            + " twice");
      }
      out.add(new DartsNode(inputs[0], ops[0], inputs[1], ops[1]));
    }
    return out;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
