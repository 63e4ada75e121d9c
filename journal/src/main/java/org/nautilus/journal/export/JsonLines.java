package org.nautilus.journal.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.nautilus.journal.event.Envelope;
import org.nautilus.journal.event.Event;
import org.nautilus.nas.search.TrialId;

/**
 * Writes events as JSON lines, one object per event:
 * {@code {"seq":1,"schema":2,"at":"2025-03-14T01:59:26.535897932Z","type":"TrialProposed","trial":1,...}}.
 * The event's fields follow in record-component order, under their component names: a trial id as its
 * number, metrics as an object with sorted keys, bytes as base64, and NaN or infinite numbers as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (JSON has no such numbers).
 */
public final class JsonLines implements Consumer<Envelope>, AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private final JsonGenerator json;

  /** Lines written to {@code out}, which {@link #close} flushes but leaves open. */
  public JsonLines(Writer out) {
    try {
      this.json = FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.setRootValueSeparator(null);
  }

  /** Writes one line. */
  @Override
  public void accept(Envelope envelope) {
    try {
      json.writeStartObject();
      json.writeNumberField("seq", envelope.seq());
      json.writeNumberField("schema", envelope.schema());
      json.writeStringField("at", envelope.at().toString());
      Event event = envelope.event();
      json.writeStringField("type", event.getClass().getSimpleName());
      for (RecordComponent component : event.getClass().getRecordComponents()) {
        json.writeFieldName(component.getName());
        writeValue(component.getAccessor().invoke(event));
      }
      json.writeEndObject();
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the fields of " + envelope.event(), e);
    }
  }

  private void writeValue(Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof TrialId t) {
      json.writeNumber(t.value());
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof byte[] bytes) {
      json.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(entry.getValue());
      }
      json.writeEndObject();
    } else {
      throw new IllegalStateException("no JSON form for a " + value.getClass().getName() + "; extend JsonLines");
    }
  }

  /** Flushes what was written. */
  @Override
  public void close() {
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
