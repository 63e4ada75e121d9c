package org.nautilus.nas.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML/JSON tree that remembers the line of every key and value (Jackson's own tree does not). */
sealed interface Node {
  /** 1-based line: a scalar's own line; a mapping's or list's key line (or its first token's). */
  int line();

  /** How the node reads in "got ..." of an error. */
  String describe();

  /** One entry of a mapping. */
  record Entry(String key, int keyLine, Node value) {}

  /** A mapping, in file order. */
  record MapNode(Map<String, Entry> entries, int line) implements Node {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record ListNode(List<Node> items, int line) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** The kind of a scalar, as the YAML/JSON parser typed it. */
  enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

  /** A scalar with its text as written. */
  record Scalar(Kind kind, String text, int line) implements Node {
    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "'" + text + "'";
        case NULL -> "nothing";
        default -> text;
      };
    }
  }

  /** Reads {@code content}: YAML when {@code yaml}, JSON otherwise. */
  static Node read(String file, String content, boolean yaml) throws SpecException {
    JsonFactory factory = yaml ? new YAMLFactory() : new JsonFactory();
    try (JsonParser parser = factory.createParser(content)) {
      if (parser.nextToken() == null) {
        throw new SpecException(file, 1, "the spec is empty");
      }
      return read(file, parser, parser.currentTokenLocation().getLineNr());
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new SpecException(file, line, "malformed " + (yaml ? "YAML" : "JSON") + ": " + message);
    } catch (IOException e) {
      throw new SpecException(file, 0, "cannot read: " + e.getMessage());
    }
  }

  private static Node read(String file, JsonParser p, int containerLine) throws IOException, SpecException {
    JsonToken token = p.currentToken();
    int line = p.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT: {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          Node value = read(file, p, keyLine);
          Entry previous = entries.put(key, new Entry(key, keyLine, value));
          if (previous != null) {
            throw new SpecException(file, keyLine, "key '" + key + "' is given twice (first on line "
                + previous.keyLine() + ")");
          }
        }
        return new MapNode(entries, containerLine);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(file, p, p.currentTokenLocation().getLineNr()));
        }
        return new ListNode(items, containerLine);
      }
      case VALUE_STRING:
        return new Scalar(Kind.STRING, p.getText(), line);
      case VALUE_NUMBER_INT:
        return new Scalar(Kind.INTEGER, p.getText(), line);
      case VALUE_NUMBER_FLOAT:
        return new Scalar(Kind.FLOAT, p.getText(), line);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Scalar(Kind.BOOLEAN, p.getText(), line);
      case VALUE_NULL:
        return new Scalar(Kind.NULL, "null", line);
      default:
        throw new SpecException(file, line, "unexpected " + token);
    }
  }
}
