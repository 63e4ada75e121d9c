package org.nautilus.journal.codec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.TrialId;

/**
 * Run in a child JVM by {@link CrashDurabilityTest}: appends to the journal in {@code args[0]} in group
 * mode, as fast as it can, until killed; prints {@code ack SEQ} once each event is acknowledged.
 */
public final class GroupAppendMain {
  private GroupAppendMain() {}

  /** The event with seq {@code seq}: the parent rebuilds it to compare. */
  static Event eventFor(long seq) {
    return new Event.EpochReported(TrialId.of(seq), (int) (seq % 50), Map.of("loss", 1.0 / seq, "seq", (double) seq));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    JournalConfig config = JournalConfig.defaults().with(Durability.group(256, Duration.ofMillis(2)));
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    Semaphore inFlight = new Semaphore(8_192);
    ChronicleJournal journal = ChronicleJournal.exists(dir)
        ? ChronicleJournal.open(dir, Clock.systemUTC(), config)
        : ChronicleJournal.create(dir, Clock.systemUTC(), config);
    out.println("ready " + journal.lastSeq());
    out.flush();
    while (true) {
      inFlight.acquire();
      long seq = journal.lastSeq() + 1;
      journal.appendAsync(eventFor(seq)).thenAccept(envelope -> {
        // on the fsync thread, in seq order, only after the fsync that covers the event
        out.println("ack " + envelope.seq());
        out.flush();
        inFlight.release();
      });
    }
  }
}
