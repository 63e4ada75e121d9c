package org.nautilus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import org.nautilus.cli.command.BenchCommand;
import org.nautilus.cli.command.DemoCommand;
import org.nautilus.cli.command.JournalCommand;
import org.nautilus.cli.command.ReplayCommand;
import org.nautilus.cli.command.ResumeCommand;
import org.nautilus.cli.command.SearchCommand;
import org.nautilus.cli.command.StatusCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nautilus} command. */
@Command(name = "nautilus", mixinStandardHelpOptions = true, versionProvider = Nautilus.VersionProvider.class,
    description = "Actor-based, asynchronous neural-architecture and hyperparameter search.",
    subcommands = {DemoCommand.class, SearchCommand.class, ResumeCommand.class, StatusCommand.class,
        ReplayCommand.class, JournalCommand.class, BenchCommand.class})
public final class Nautilus {
  /** Exit status for a user's mistake (bad option, missing file), as picocli uses for usage errors. */
  public static final int USAGE = 2;
  /** Exit status for a failure that is not the user's mistake. */
  public static final int FAILURE = 1;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Log what the libraries and actors do (INFO).")
  void verbose(boolean on) {
    if (on) {
      setRootLevel(Level.INFO);
    }
  }

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "Log at DEBUG and print stack traces with errors.")
  void debug(boolean on) {
    debug = on;
    if (on) {
      setRootLevel(Level.DEBUG);
    }
  }

  private static boolean debug;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Nautilus());
    cli.setExecutionExceptionHandler(Nautilus::handle);
    cli.setParameterExceptionHandler(Nautilus::handleBadArguments);
    return cli.execute(args);
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean usersMistake = e instanceof UserError;
    err.println("nautilus: " + (usersMistake ? "" : "error: ") + oneLine(e));
    if (debug) {
      e.printStackTrace(err);
    } else if (!usersMistake) {
      err.println("nautilus: run again with --debug for the stack trace");
    }
    err.flush();
    return usersMistake ? USAGE : FAILURE;
  }

  /** A bad option or argument: one line naming it and where help is, not the whole usage text. */
  private static int handleBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("nautilus: " + oneLine(e) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return USAGE;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static void setRootLevel(Level level) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
  }

  /** Reports the version of the running Nautilus. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nautilus " + org.nautilus.actors.api.Version.get()};
    }
  }
}
