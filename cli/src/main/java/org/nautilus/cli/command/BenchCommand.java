package org.nautilus.cli.command;

import org.nautilus.cli.UserError;
import picocli.CommandLine.Command;

/**
 * {@code nautilus bench}: measure searchers on tabular benchmarks with the discrete-event simulator
 * ({@code bench table}), and generate a synthetic NB201-shaped table to try it on
 * ({@code bench synthetic-table}).
 */
@Command(name = "bench", description = "Measure searchers on tabular benchmarks in virtual time.",
    subcommands = {BenchTableCommand.class, BenchSyntheticTableCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("bench needs a subcommand: table or synthetic-table (see 'nautilus bench --help')");
  }
}
