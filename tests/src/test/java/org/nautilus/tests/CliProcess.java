package org.nautilus.tests;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs the {@code nautilus} CLI in a real child JVM, with the test JVM's classpath and flags. */
final class CliProcess {
  /** What a finished CLI process left behind. */
  record Result(int exitCode, String stdout, String stderr) {}

  private CliProcess() {}

  /**
   * The test JVM's classpath without test classes and resources, so the child runs with the CLI's
   * own logging configuration and nothing else a test brought.
   */
  private static String cliClasspath() {
    String separator = System.getProperty("path.separator");
    return Arrays.stream(System.getProperty("java.class.path").split(separator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.contains("surefire"))
        .collect(Collectors.joining(separator));
  }

  static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process process = start(workDir, out, err, args);
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("nautilus " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Starts the CLI with its standard output and error going to {@code out} and {@code err}. */
  static Process start(Path workDir, Path out, Path err, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-") || flag.startsWith("-Xmx")) {
        command.add(flag);
      }
    }
    command.add("-cp");
    command.add(cliClasspath());
    command.add("org.nautilus.cli.Nautilus");
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }
}
