package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;

/**
 * A writer process killed with SIGKILL at random moments loses nothing it had acknowledged, and the
 * next writer recovers and continues. While it lives, a second writer is refused (naming its pid) and
 * a reader in this process follows its appends.
 *
 * <p>SIGKILL leaves the page cache intact, so this proves the acknowledgement protocol and recovery
 * (no ack before the write, torn records cut, sequence continued), not the fsync against power loss.
 */
class CrashDurabilityTest {
  private static final int ROUNDS = 4;

  @TempDir Path tmp;

  @Test
  void everyAcknowledgedEventSurvivesSigkill() throws Exception {
    Path dir = tmp.resolve("journal");
    SplittableRandom random = new SplittableRandom(42);
    long acknowledged = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Process child = start(dir);
      BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String ready = lines.readLine();
      assertTrue(ready != null && ready.startsWith("ready "), "child said " + ready);
      assertEquals(acknowledged <= 0 ? 0 : Long.parseLong(ready.substring(6)), Long.parseLong(ready.substring(6)));
      long killAfter = 1 + random.nextInt(4_000);
      long seen = 0;
      String line;
      if (round == 0) {
        secondWriterIsRefused(dir, child);
        theLiveJournalCanBeTailed(dir, lines);
      }
      while (seen < killAfter && (line = lines.readLine()) != null) {
        seen = Math.max(seen, parseAck(line));
      }
      // SIGKILL on Linux; through the handle, which (unlike Process.destroyForcibly) leaves the pipe open to drain
      child.toHandle().destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      // Lines the child printed before it died were acknowledgements too.
      while ((line = lines.readLine()) != null) {
        seen = Math.max(seen, parseAck(line));
      }
      acknowledged = Math.max(acknowledged, seen);

      List<Envelope> events = new ArrayList<>();
      try (ChronicleJournal journal = ChronicleJournal.open(dir, Clock.systemUTC(),
          JournalConfig.defaults().with(Durability.os()))) {
        journal.replay(events::add);
      }
      assertTrue(events.size() >= acknowledged, "round " + round + ": acknowledged " + acknowledged
          + ", journal holds " + events.size());
      for (int i = 0; i < events.size(); i++) {
        assertEquals(i + 1, events.get(i).seq());
        assertEquals(GroupAppendMain.eventFor(i + 1), events.get(i).event(), "round " + round + ", seq " + (i + 1));
      }
      acknowledged = events.size(); // the next writer continues from what is there
    }
    assertTrue(acknowledged > ROUNDS, "the children acknowledged " + acknowledged + " events in all");
  }

  private void secondWriterIsRefused(Path dir, Process child) {
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.open(dir, Clock.systemUTC()));
    assertTrue(e.getMessage().startsWith("journal " + dir + " is being written by process " + child.pid() + " on "),
        e.getMessage());
  }

  /** Reads the first 500 events through a tail while the child writes them. */
  private void theLiveJournalCanBeTailed(Path dir, BufferedReader lines) throws IOException {
    try (JournalTail tail = JournalTail.open(dir, 1)) {
      for (long seq = 1; seq <= 500; seq++) {
        Optional<Envelope> next = tail.poll(Duration.ofSeconds(30));
        assertTrue(next.isPresent(), "tail waited in vain for seq " + seq);
        assertEquals(seq, next.get().seq());
        assertEquals(GroupAppendMain.eventFor(seq), next.get().event());
        if (seq % 100 == 0) {
          lines.readLine(); // keep the child's output pipe from filling up
        }
      }
    }
  }

  private static long parseAck(String line) {
    if (!line.startsWith("ack ")) {
      throw new AssertionError("child said: " + line);
    }
    return Long.parseLong(line.substring(4));
  }

  private static Process start(Path dir) throws IOException {
    return start(dir, GroupAppendMain.class);
  }

  private static Process start(Path dir, Class<?> main) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"),
        main.getName(), dir.toString()));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
