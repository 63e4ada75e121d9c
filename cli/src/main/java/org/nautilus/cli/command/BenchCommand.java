package org.nautilus.cli.command;

import org.nautilus.cli.UserError;
import picocli.CommandLine.Command;

/**
 * {@code nautilus bench}: measure searchers on tabular benchmarks with the discrete-event simulator
 * ({@code bench table}), generate a synthetic NB201-shaped table to try it on
 * ({@code bench synthetic-table}), and time the in-JVM trainer ({@code bench train}).
 */
@Command(name = "bench", description = "Measure searchers on tabular benchmarks in virtual time, or time training.",
    subcommands = {BenchTableCommand.class, BenchSyntheticTableCommand.class, BenchTrainCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("bench needs a subcommand: table, synthetic-table or train (see 'nautilus bench --help')");
  }
}
