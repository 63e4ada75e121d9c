package org.nautilus.engine.train.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.engine.device.Device;
import org.nautilus.engine.train.TrainRequest;
import org.nautilus.nas.space.Candidate;
import org.nautilus.nas.space.CellWithHyperparameters;
import org.nautilus.nas.space.Configuration;
import org.nautilus.nas.space.ParamValue;

/** Encodes requests and decodes reply lines of protocol version 1 (see the package documentation). */
final class Protocol {
  static final int VERSION = 1;
  /** Longest line quoted in an error message. */
  static final int QUOTE_LIMIT = 200;

  // Python's json module writes NaN and Infinity unquoted by default: read them so a diverged run is
  // reported as such rather than as a protocol error.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Protocol() {}

  /** The request as one line of JSON. */
  static String request(TrainRequest request, Device device) {
    ObjectNode root = JSON.createObjectNode();
    root.put("protocol", VERSION);
    root.put("trial", request.trial().value());
    Candidate candidate = request.candidate();
    root.put("candidate", candidate.canonical());
    ObjectNode hyperparameters = root.objectNode();
    if (candidate instanceof CellWithHyperparameters<?> joint) {
      root.put("cell", joint.cell().canonical());
      put(hyperparameters, joint.hyperparameters());
    } else if (candidate instanceof Configuration configuration) {
      put(hyperparameters, configuration);
    } else {
      root.put("cell", candidate.canonical());
    }
    root.set("hyperparameters", hyperparameters);
    root.put("epochs", request.epochs());
    root.put("seed", request.seed());
    root.put("device", device.toString());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree of strings and numbers always serializes", e);
    }
  }

  private static void put(ObjectNode node, Configuration configuration) {
    configuration.values().forEach((name, value) -> {
      if (value instanceof ParamValue.Real real) {
        node.put(name, real.value());
      } else if (value instanceof ParamValue.Int integer) {
        node.put(name, integer.value());
      } else {
        node.put(name, value.text());
      }
    });
  }

  /**
   * Decodes one non-blank line; a {@link ProtocolException} says what is wrong with it and quotes it.
   */
  static Reply decode(String line) throws ProtocolException {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ProtocolException("not JSON", line);
    }
    if (node == null || !node.isObject()) {
      throw new ProtocolException("not a JSON object", line);
    }
    if (node.has("epoch")) {
      JsonNode epoch = node.get("epoch");
      if (!epoch.canConvertToInt() || !epoch.isIntegralNumber() || epoch.intValue() < 1) {
        throw new ProtocolException("\"epoch\" must be an integer >= 1", line);
      }
      return new Reply.Epoch(epoch.intValue(), metrics(node, "metrics", line));
    }
    if (node.has("result")) {
      return new Reply.Result(metrics(node, "result", line));
    }
    if (node.has("error")) {
      JsonNode retryable = node.get("retryable");
      if (retryable != null && !retryable.isBoolean()) {
        throw new ProtocolException("\"retryable\" must be true or false", line);
      }
      return new Reply.Error(node.get("error").asText(), retryable != null && retryable.booleanValue());
    }
    throw new ProtocolException("expected a key \"epoch\", \"result\" or \"error\"", line);
  }

  private static Map<String, Double> metrics(JsonNode node, String field, String line) throws ProtocolException {
    JsonNode metrics = node.get(field);
    if (metrics == null || !metrics.isObject()) {
      throw new ProtocolException("\"" + field + "\" must be an object of numbers", line);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isNumber()) {
        throw new ProtocolException("metric \"" + entry.getKey() + "\" must be a number", line);
      }
      values.put(entry.getKey(), entry.getValue().doubleValue());
    }
    return values;
  }

  /** {@code line}, cut to {@link #QUOTE_LIMIT} characters, in single quotes. */
  static String quote(String line) {
    String shown = line.length() <= QUOTE_LIMIT ? line : line.substring(0, QUOTE_LIMIT) + "...";
    return "'" + shown + "'";
  }

  /** A reply line that breaks the protocol. */
  static final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    ProtocolException(String problem, String line) {
      super(problem + ": " + quote(line));
    }
  }
}
