package org.nautilus.journal.codec;

import java.nio.file.Path;
import java.util.List;
import org.nautilus.journal.event.Envelope;

/** Run in a child JVM by {@link ChronicleJournalTest}: reads a journal and prints what it found. */
public final class ReadJournalMain {
  private ReadJournalMain() {}

  public static void main(String[] args) {
    List<Envelope> envelopes = ChronicleJournal.read(Path.of(args[0]));
    System.out.println("events=" + envelopes.size() + " hash=" + envelopes.hashCode());
  }
}
