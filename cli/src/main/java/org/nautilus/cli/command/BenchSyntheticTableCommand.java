package org.nautilus.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nautilus.cli.UserError;
import org.nautilus.nas.bench.SyntheticNb201Table;
import org.nautilus.nas.space.Nb201Space;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nautilus bench synthetic-table --out T.csv}: writes a seeded synthetic NB201-shaped table. */
@Command(name = "synthetic-table",
    description = "Write a synthetic NAS-Bench-201-shaped table (15,625 cells) to try 'bench table' on.")
public final class BenchSyntheticTableCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced).")
  Path out;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    try {
      SyntheticNb201Table.write(out, seed);
    } catch (IOException e) {
      throw new UserError("cannot write --out " + out + ": " + e.getMessage(), e);
    }
    System.out.printf(Locale.ROOT, "wrote %,d NB201 cells to %s (seed %d): objective %s, cost %s (seconds), "
        + "report %s%n", Nb201Space.SIZE, out, seed, SyntheticNb201Table.VALID_ACC, SyntheticNb201Table.TRAIN_TIME,
        SyntheticNb201Table.TEST_ACC);
    System.out.printf(Locale.ROOT, "try: ./nautilus bench table --table %s --space nb201 --objective %s --cost %s "
        + "--report %s --budget-seconds 12000 --workers 1 --runs 500 --strategy random --seed 0%n", out,
        SyntheticNb201Table.VALID_ACC, SyntheticNb201Table.TRAIN_TIME, SyntheticNb201Table.TEST_ACC);
    return 0;
  }
}
