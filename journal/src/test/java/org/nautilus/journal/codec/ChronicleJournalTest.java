package org.nautilus.journal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.journal.Durability;
import org.nautilus.journal.JournalConfig;
import org.nautilus.journal.JournalException;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.Event.EpochReported;
import org.nautilus.journal.event.Event.SearchFinished;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.TrialId;

class ChronicleJournalTest {
  private static final Instant START = Instant.parse("2025-03-14T01:59:26.535897932Z");
  private static final long STEP_NANOS = 1_234_567;

  @TempDir Path tmp;

  private final Clock clock = EventSamples.steppingClock(START, STEP_NANOS);

  @Test
  void everyEventTypeSurvivesAppendAndReplayBitExact() {
    Path dir = tmp.resolve("journal");
    List<Envelope> written = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.create(dir, clock)) {
      for (int variant = 0; variant < 2; variant++) {
        for (Event event : EventSamples.oneOfEach(variant)) {
          written.add(journal.append(event));
        }
      }
      List<Envelope> live = new ArrayList<>();
      journal.replay(live::add);
      assertBitExact(written, live);
    }
    assertBitExact(written, ChronicleJournal.read(dir));
  }

  @Test
  void seqStartsAtOneAndTimeComesFromTheClock() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      for (int i = 0; i < 3; i++) {
        Envelope envelope = journal.append(new SearchFinished("r" + i));
        assertEquals(i + 1, envelope.seq());
        assertEquals(EventCodec.SCHEMA, envelope.schema());
        assertEquals(START.plusNanos(i * STEP_NANOS), envelope.at());
      }
      assertEquals(3, journal.lastSeq());
    }
  }

  @Test
  void reopenContinuesTheSequence() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      journal.append(new SearchFinished("first"));
      journal.append(new SearchFinished("second"));
    }
    try (ChronicleJournal journal = ChronicleJournal.open(tmp, clock)) {
      assertEquals(2, journal.lastSeq());
      assertEquals(3, journal.append(new SearchFinished("third")).seq());
    }
    try (ChronicleJournal journal = ChronicleJournal.open(tmp, clock)) {
      assertEquals(4, journal.append(new SearchFinished("fourth")).seq());
    }
    List<String> reasons = ChronicleJournal.read(tmp).stream()
        .map(e -> ((SearchFinished) e.event()).reason()).toList();
    assertEquals(List.of("first", "second", "third", "fourth"), reasons);
  }

  @Test
  void openOfAnEmptyJournalStartsAtOne() {
    ChronicleJournal.create(tmp, clock).close();
    try (ChronicleJournal journal = ChronicleJournal.open(tmp, clock)) {
      assertEquals(1, journal.append(new SearchFinished("only")).seq());
    }
  }

  @Test
  void createRefusesADirectoryThatHoldsAJournal() {
    Path full = tmp.resolve("full");
    try (ChronicleJournal journal = ChronicleJournal.create(full, clock)) {
      journal.append(new SearchFinished("done"));
    }
    Path empty = tmp.resolve("empty");
    ChronicleJournal.create(empty, clock).close();
    for (Path dir : List.of(full, empty)) {
      JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.create(dir, clock));
      assertEquals("a journal already exists at " + dir + "; open it to append, or choose another directory",
          e.getMessage());
    }
    assertEquals(1, ChronicleJournal.read(full).size(), "the refused create left the journal alone");
  }

  @Test
  void createTakesAMissingOrEmptyDirectoryOrOneWithOtherFiles() throws IOException {
    Path missing = tmp.resolve("a/b/c");
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Path other = Files.createDirectory(tmp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "not a journal");
    for (Path dir : List.of(missing, empty, other)) {
      try (ChronicleJournal journal = ChronicleJournal.create(dir, clock)) {
        assertEquals(dir, journal.directory());
        journal.append(new SearchFinished("ok"));
      }
      assertTrue(ChronicleJournal.exists(dir));
      assertEquals(1, ChronicleJournal.read(dir).size());
    }
  }

  @Test
  void createRefusesAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.create(file, clock));
    assertEquals("journal " + file + ": not a directory", e.getMessage());
  }

  @Test
  void readOfAMissingDirectoryIsOneLineAndCreatesNothing() {
    Path dir = tmp.resolve("no/such/dir");
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.read(dir));
    assertEquals("no journal at " + dir, e.getMessage());
    assertFalse(Files.exists(tmp.resolve("no")));
    JournalException open = assertThrows(JournalException.class, () -> ChronicleJournal.open(dir, clock));
    assertEquals("no journal at " + dir, open.getMessage());
    assertFalse(Files.exists(tmp.resolve("no")));
  }

  @Test
  void readOfAnEmptyDirectoryIsOneLineAndCreatesNothing() throws IOException {
    Files.writeString(tmp.resolve("notes.txt"), "not a journal");
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.read(tmp));
    assertEquals("no journal at " + tmp, e.getMessage());
    assertEquals(List.of(tmp.resolve("notes.txt")), list(tmp));
  }

  @Test
  void readChangesNoFile() throws IOException {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      EventSamples.realisticSearch().forEach(journal::append);
    }
    Map<Path, byte[]> before = contents(tmp);
    assertEquals(10, ChronicleJournal.read(tmp).size());
    Map<Path, byte[]> after = contents(tmp);
    assertEquals(before.keySet(), after.keySet());
    for (Path file : before.keySet()) {
      assertTrue(java.util.Arrays.equals(before.get(file), after.get(file)), file + " changed");
    }
  }

  @Test
  void aClosedJournalIsFullyReadableByAFreshReader() {
    int events = 20_000;
    List<Envelope> written = new ArrayList<>(events);
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock, JournalConfig.defaults().with(Durability.os()))) {
      for (int i = 1; i <= events; i++) {
        written.add(journal.append(new EpochReported(TrialId.of(i), i % 50, Map.of("loss", 1.0 / i, "val_acc", i * 1e-5))));
      }
    }
    List<Envelope> read = ChronicleJournal.read(tmp);
    assertEquals(written, read);
    assertEquals(events, read.get(events - 1).seq());
  }

  /** What {@code nautilus replay DIR} does: another JVM reads the journal, quietly and without leaving files. */
  @Test
  void anotherJvmReadsTheJournalQuietly() throws Exception {
    Path dir = tmp.resolve("journal");
    List<Envelope> written = new ArrayList<>();
    try (ChronicleJournal journal = ChronicleJournal.create(dir, clock)) {
      EventSamples.realisticSearch().forEach(e -> written.add(journal.append(e)));
    }
    Path workDir = Files.createDirectory(tmp.resolve("cwd"));
    // Chronicle's INFO lines visible, so that a banner or analytics notice would show.
    Path logback = Files.writeString(tmp.resolve("logback.xml"), """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Only the Chronicle flags of nautilus.jvm.flags, as the launcher passes them.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=" + logback, ReadJournalMain.class.getName(), dir.toString()));
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);

    assertTrue(output.contains("events=10 hash=" + written.hashCode()), output);
    for (String noise : List.of("Leave your e-mail", "Running under", "Process id", "Analytics", "usage statistics",
        "Took ", "WARN", "ERROR", "Exception")) {
      assertFalse(output.contains(noise), "'" + noise + "' in:\n" + output);
    }
    assertEquals(List.of(), list(workDir), "files in the working directory");
  }

  @Test
  void theDirectoryHoldsOnlyChronicleFiles() throws IOException {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      EventSamples.realisticSearch().forEach(journal::append);
    }
    for (Path file : list(tmp)) {
      String name = file.getFileName().toString();
      assertTrue(name.equals("metadata.cq4t") || name.matches("\\d{8}F\\.cq4") || name.equals("writer.lock"), name);
    }
  }

  @Test
  void theSearchStateFoldedFromAReplayEqualsTheOneFoldedLive() {
    SearchState live = new SearchState();
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      for (Event event : EventSamples.realisticSearch()) {
        live.apply(journal.append(event).event());
      }
    }
    SearchState replayed = SearchState.of(ChronicleJournal.read(tmp));
    assertEquals(live.trials(), replayed.trials());
    assertEquals(live.created(), replayed.created());
    assertEquals(live.finished(), replayed.finished());
    assertEquals(2, replayed.trials().size());
  }

  @Test
  void anUnknownEventTypeInTheFileNamesTheRecord() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      journal.append(new SearchFinished("known"));
    }
    // A record as a newer Nautilus with an event type 42 might write it.
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(tmp).rollCycle(ChronicleJournal.ROLL_CYCLE).build();
         ExcerptAppender appender = queue.createAppender()) {
      appender.writeBytes(b -> b.writeUnsignedShort(42).writeUnsignedShort(1).writeLong(2).writeLong(0).writeInt(7));
    }
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.read(tmp));
    assertEquals("journal " + tmp + ": record 2 has unknown event type 42 for schema 1; written by a newer Nautilus?", e.getMessage());
    JournalException open = assertThrows(JournalException.class, () -> ChronicleJournal.open(tmp, clock));
    assertTrue(open.getMessage().startsWith("journal " + tmp + " holds records this Nautilus cannot read: "
        + Recovery.cycleFiles(tmp).get(0) + " at byte "), open.getMessage());
    assertTrue(open.getMessage().contains(
        "newer version: has unknown event type 42 for schema 1; written by a newer Nautilus?"), open.getMessage());
  }

  @Test
  void aGapInTheSequenceIsReported() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      journal.append(new SearchFinished("one"));
    }
    try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(tmp).rollCycle(ChronicleJournal.ROLL_CYCLE).build();
         ExcerptAppender appender = queue.createAppender()) {
      appender.writeBytes(net.openhft.chronicle.bytes.Bytes.wrapForRead(
          EventCodec.toBytes(new Envelope(5, EventCodec.SCHEMA, START, new SearchFinished("five")))));
    }
    JournalException e = assertThrows(JournalException.class, () -> ChronicleJournal.read(tmp));
    assertEquals("journal " + tmp + ": record 2 has seq 5, expected 2", e.getMessage());
  }

  @Test
  void replayWhileOpenSeesEverythingAppendedSoFar() {
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      journal.append(new SearchFinished("one"));
      assertEquals(1, replayed(journal).size());
      journal.append(new SearchFinished("two"));
      journal.append(new SearchFinished("three"));
      assertEquals(List.of(1L, 2L, 3L), replayed(journal).stream().map(Envelope::seq).toList());
      assertEquals(3, ChronicleJournal.read(tmp).size(), "a second reader sees appends before close");
    }
  }

  /** An actor may run on any thread of its dispatcher; the journal must not be tied to the opening thread. */
  @Test
  void appendsMayComeFromAnotherThreadThanTheOpeningOne() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (ChronicleJournal journal = ChronicleJournal.create(tmp, clock)) {
      for (int i = 0; i < 100; i++) {
        executor.submit(() -> journal.append(new SearchFinished("x"))).get();
      }
      executor.submit(() -> journal.replay(e -> { })).get();
    } finally {
      executor.shutdownNow();
    }
    assertEquals(100, ChronicleJournal.read(tmp).size());
  }

  @Test
  void aClosedJournalRefusesWork() {
    ChronicleJournal journal = ChronicleJournal.create(tmp, clock);
    journal.close();
    journal.close();
    JournalException e = assertThrows(JournalException.class, () -> journal.append(new SearchFinished("late")));
    assertEquals("journal " + tmp + " is closed", e.getMessage());
    assertThrows(JournalException.class, () -> journal.replay(x -> { }));
  }

  private static List<Envelope> replayed(ChronicleJournal journal) {
    List<Envelope> out = new ArrayList<>();
    journal.replay(out::add);
    return out;
  }

  private static void assertBitExact(List<Envelope> expected, List<Envelope> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      EventSamples.assertBitExact(expected.get(i), actual.get(i));
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static Map<Path, byte[]> contents(Path dir) throws IOException {
    Map<Path, byte[]> out = new java.util.TreeMap<>();
    for (Path file : list(dir)) {
      out.put(file, Files.readAllBytes(file));
    }
    return out;
  }
}
