package org.nautilus.cli.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec file as journaled in {@code SearchCreated}: its text, its name, and the directory that its
 * relative paths (a table, a data directory) resolve against, so the journal alone can rebuild the
 * search on resume, wherever the command runs from.
 *
 * @param file the spec file's path as given (its extension picks YAML or JSON)
 * @param base the absolute directory that relative paths in the spec resolve against
 * @param content the spec's text
 */
public record JournaledSpec(String file, Path base, String content) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Marks the JSON of a journaled spec file; the demo journals a different JSON. */
  static final String KIND = "nautilus-spec/1";

  public JournaledSpec {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(content, "content");
  }

  /** The JSON journaled in {@code SearchCreated.spec}. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", KIND);
    node.put("file", file);
    node.put("base", base.toString());
    node.put("content", content);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a spec that cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** The journaled spec in {@code json}, empty if the journal holds another kind (e.g. a demo's). */
  public static Optional<JournaledSpec> fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !KIND.equals(node.path("kind").asText())) {
        return Optional.empty();
      }
      return Optional.of(new JournaledSpec(node.path("file").asText(), Path.of(node.path("base").asText()),
          node.path("content").asText()));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
