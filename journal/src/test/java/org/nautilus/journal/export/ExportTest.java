package org.nautilus.journal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.journal.event.EventSamples;
import org.nautilus.journal.state.SearchState;
import org.nautilus.nas.search.TrialId;

class ExportTest {
  private static final Instant AT = Instant.parse("2025-03-14T01:59:26.535897932Z");

  @Test
  void csvHasOneRowPerTrialAndAColumnPerFinalMetric() {
    SearchState state = new SearchState();
    EventSamples.realisticSearch().forEach(state::apply);
    state.apply(new Event.TrialProposed(TrialId.of(3), "my, \"quoted\" searcher", "a\nb", 1));
    StringWriter out = new StringWriter();
    TrialsCsv.write(state, out);
    String expected = String.join("\r\n",
        "trial,searcher,candidate,epochs,status,trainer,node,device,attempt,epochs_reported,cost_seconds,failure,test_acc,val_acc",
        "1,random," + EventSamples.CELL_A + ",12,COMPLETED,tabular,local,cpu:0,1,2,12.5,,0.705,0.72",
        "2,random," + EventSamples.CELL_B + ",12,FAILED,tabular,local,cpu:1,1,0,0.0,loss became NaN at epoch 1,,",
        "3,\"my, \"\"quoted\"\" searcher\",\"a\nb\",1,PROPOSED,,,,0,0,0.0,,,") + "\r\n";
    assertEquals(expected, out.toString());
  }

  @Test
  void jsonLinesHaveOneObjectPerEventWithItsFields() throws IOException {
    List<Envelope> envelopes = List.of(
        new Envelope(1, 2, AT, new Event.TrialCompleted(TrialId.of(7),
            Map.of("val_acc", 0.5, "loss", Double.NaN, "z", Double.NEGATIVE_INFINITY), 12.25)),
        new Envelope(2, 2, AT.plusNanos(1), new Event.SearcherSnapshotted("evo", 3, new byte[] {0, 1, 2, -1})),
        new Envelope(3, 1, AT.plusSeconds(1), new Event.TrialFailed(TrialId.of(7), "said \"no\"\n", true, 2)));
    StringWriter out = new StringWriter();
    try (JsonLines lines = new JsonLines(out)) {
      envelopes.forEach(lines);
    }
    List<String> expected = List.of(
        "{\"seq\":1,\"schema\":2,\"at\":\"2025-03-14T01:59:26.535897932Z\",\"type\":\"TrialCompleted\",\"trial\":7,"
            + "\"metrics\":{\"loss\":\"NaN\",\"val_acc\":0.5,\"z\":\"-Infinity\"},\"costSeconds\":12.25}",
        "{\"seq\":2,\"schema\":2,\"at\":\"2025-03-14T01:59:26.535897933Z\",\"type\":\"SearcherSnapshotted\","
            + "\"searcher\":\"evo\",\"outcomesTold\":3,\"state\":\"AAEC/w==\"}",
        "{\"seq\":3,\"schema\":1,\"at\":\"2025-03-14T01:59:27.535897932Z\",\"type\":\"TrialFailed\",\"trial\":7,"
            + "\"cause\":\"said \\\"no\\\"\\n\",\"retryable\":true,\"attempt\":2}");
    assertEquals(String.join("\n", expected) + "\n", out.toString());
  }

  /** Every event type has a JSON form, and each line is one well-formed JSON object. */
  @Test
  void everyEventTypeWritesAWellFormedLine() throws IOException {
    StringWriter out = new StringWriter();
    List<Event> events = EventSamples.oneOfEach(2);
    try (JsonLines lines = new JsonLines(out)) {
      for (int i = 0; i < events.size(); i++) {
        lines.accept(new Envelope(i + 1, 2, AT, events.get(i)));
      }
    }
    String[] lines = out.toString().split("\n");
    assertEquals(events.size(), lines.length);
    JsonFactory factory = new JsonFactory();
    List<String> types = new ArrayList<>();
    for (String line : lines) {
      try (JsonParser parser = factory.createParser(line)) {
        assertEquals(JsonToken.START_OBJECT, parser.nextToken(), line);
        parser.skipChildren();
        assertEquals(null, parser.nextToken(), "one object per line: " + line);
      }
      types.add(line.replaceAll(".*\"type\":\"([A-Za-z]+)\".*", "$1"));
    }
    assertEquals(events.stream().map(e -> e.getClass().getSimpleName()).toList(), types);
  }
}
