package org.nautilus.cli.command;

import org.nautilus.cli.UserError;
import picocli.CommandLine.Command;

/** {@code nautilus journal}: check a search's journal ({@code verify}) and export it ({@code export}). */
@Command(name = "journal", description = "Verify a search's journal, or export it as CSV or JSON lines.",
    subcommands = {JournalVerifyCommand.class, JournalExportCommand.class})
public final class JournalCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("journal needs a subcommand: verify or export (see 'nautilus journal --help')");
  }
}
