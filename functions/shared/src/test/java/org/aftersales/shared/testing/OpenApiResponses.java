package org.aftersales.shared.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * openapi.yaml as a response checker for tests: {@link #problems} validates one HTTP API response
 * (route key, status, content type, body) against what the operation declares — the status must be
 * one of its responses, the content type one of that response's media types, the body valid against
 * the media type's schema (networknt's OpenAPI 3.0 dialect, the document registered under one IRI
 * so its {@code $ref}s resolve) and {@code x-request-id} present. {@link #load()} reads {@code
 * ${aftersales.root}/openapi.yaml} once per JVM. No other I/O.
 */
public final class OpenApiResponses {

  private static final String DOCUMENT_IRI = "https://aftersales.example/openapi.json";
  private static volatile OpenApiResponses loaded;

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  public OpenApiResponses(JsonNode document) {
    this.document = document;
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
  }

  /** The repository's openapi.yaml, read once per JVM. */
  public static OpenApiResponses load() {
    OpenApiResponses current = loaded;
    if (current == null) {
      synchronized (OpenApiResponses.class) {
        if (loaded == null) {
          loaded = new OpenApiResponses(read(LocalAws.projectRoot().resolve("openapi.yaml")));
        }
        current = loaded;
      }
    }
    return current;
  }

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Whether openapi.yaml has an operation for {@code "METHOD /path"}. */
  public boolean hasRoute(String routeKey) {
    return !operationPointer(routeKey).isEmpty()
        && !document.at(operationPointer(routeKey)).isMissingNode();
  }

  /**
   * One line per way the response differs from openapi.yaml (empty = it agrees).
   *
   * @param contentType the response's {@code content-type} header (parameters ignored)
   * @param body the parsed body, or {@code null} when it is empty
   * @param requestId the response's {@code x-request-id} header, or {@code null}
   */
  public List<String> problems(
      String routeKey, int status, String contentType, JsonNode body, String requestId) {
    List<String> problems = new ArrayList<>();
    String where = routeKey + " " + status;
    if (!hasRoute(routeKey)) {
      problems.add(routeKey + ": no such operation in openapi.yaml");
      return problems;
    }
    if (requestId == null || requestId.isBlank()) {
      problems.add(where + ": no x-request-id header");
    }
    String responsePointer = operationPointer(routeKey) + "/responses/" + status;
    JsonNode response = document.at(responsePointer);
    if (response.isMissingNode()) {
      problems.add(where + ": status not declared in openapi.yaml");
      return problems;
    }
    String ref = response.path("$ref").asText("");
    if (ref.startsWith("#/")) {
      responsePointer = ref.substring(1);
      response = document.at(responsePointer);
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (body != null && !body.isMissingNode()) {
        problems.add(where + ": openapi.yaml declares no body, the response has one");
      }
      return problems;
    }
    String media =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(media)) {
      problems.add(
          where
              + ": content-type '"
              + media
              + "' not declared (openapi.yaml has "
              + fieldNames(content)
              + ")");
      return problems;
    }
    if (body == null) {
      problems.add(where + ": empty body, openapi.yaml declares " + media);
      return problems;
    }
    String schemaPointer = responsePointer + "/content/" + escape(media) + "/schema";
    String schemaRef = document.at(schemaPointer).path("$ref").asText("");
    Schema schema = schema(schemaRef.startsWith("#/") ? schemaRef : "#" + schemaPointer);
    for (Error error : schema.validate(body)) {
      String at = error.getInstanceLocation().toString();
      problems.add(where + " " + (at.isEmpty() ? "/" : at) + ": " + error.getMessage());
    }
    return problems;
  }

  /**
   * The schema at a JSON pointer of the document ({@code "#/components/schemas/Refund"}), its refs
   * resolved.
   */
  public Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, l -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + l)));
  }

  /** Throws an {@link AssertionError} listing the problems, if any, with the body for context. */
  public void check(
      String routeKey, int status, String contentType, JsonNode body, String requestId) {
    List<String> problems = problems(routeKey, status, contentType, body, requestId);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "response disagrees with openapi.yaml:\n  "
              + String.join("\n  ", problems)
              + "\nbody: "
              + body);
    }
  }

  /** "/paths/~1orders~1{orderId}/get" for "GET /orders/{orderId}", "" for a malformed key. */
  private static String operationPointer(String routeKey) {
    String[] parts = routeKey == null ? new String[0] : routeKey.split(" ", 2);
    if (parts.length != 2) {
      return "";
    }
    return "/paths/" + escape(parts[1]) + "/" + parts[0].toLowerCase(Locale.ROOT);
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
