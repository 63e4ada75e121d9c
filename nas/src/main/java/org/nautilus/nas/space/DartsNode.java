package org.nautilus.nas.space;

/**
 * One intermediate node of a DARTS cell: two distinct predecessors, each through its own op.
 *
 * <p>Predecessors are numbered as in DARTS genotypes: 0 and 1 are the cell's two inputs (the outputs
 * of the previous two cells) and {@code 2 + j} is intermediate node {@code j}. The constructor puts
 * the two inputs in canonical order, lower predecessor first, so that equal nodes are equal records.
 *
 * @param inputA the lower predecessor
 * @param opA the op applied to {@code inputA}
 * @param inputB the higher predecessor, different from {@code inputA}
 * @param opB the op applied to {@code inputB}
 */
public record DartsNode(int inputA, DartsOp opA, int inputB, DartsOp opB) {
  public DartsNode {
    if (inputA < 0 || inputB < 0) {
      throw new IllegalArgumentException("DARTS node inputs must be >= 0, got " + inputA + " and " + inputB);
    }
    if (inputA == inputB) {
      throw new IllegalArgumentException("a DARTS node takes two distinct inputs, got " + inputA + " twice");
    }
    if (opA == null || opB == null) {
      throw new IllegalArgumentException("a DARTS node needs an op for each input");
    }
    if (inputA > inputB) {
      int input = inputA;
      inputA = inputB;
      inputB = input;
      DartsOp op = opA;
      opA = opB;
      opB = op;
    }
  }

  /** The node {@code opA~inputA,opB~inputB}, in either input order. */
  public static DartsNode of(DartsOp opA, int inputA, DartsOp opB, int inputB) {
    return new DartsNode(inputA, opA, inputB, opB);
  }

  /** The op on the edge from predecessor {@code input}, or empty if this node does not read it. */
  public java.util.Optional<DartsOp> opFrom(int input) {
    return input == inputA ? java.util.Optional.of(opA)
        : input == inputB ? java.util.Optional.of(opB) : java.util.Optional.empty();
  }

  /** The node's canonical string, {@code opA~inputA,opB~inputB}. */
  public String canonical() {
    return opA.label() + '~' + inputA + ',' + opB.label() + '~' + inputB;
  }
}
