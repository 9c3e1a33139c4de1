package org.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aftersales.shared.testing.OpenApiResponses;

/**
 * An OpenAPI 3.0 document (openapi.yaml, read as plain YAML) and the checks on it: its (method,
 * path) routes and their security, and every example of a request or response body (inline {@code
 * example}, or {@code examples} entries, also through {@code $ref} to components) against the
 * body's schema, resolved and validated by shared's {@link OpenApiResponses} (networknt's OpenAPI
 * 3.0 dialect). Pure: no I/O.
 */
final class OpenApiExamples {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private final JsonNode document;
  private final OpenApiResponses schemas;

  OpenApiExamples(JsonNode document) {
    this.document = document;
    this.schemas = new OpenApiResponses(document);
  }

  /** "METHOD /path" of every operation. */
  Set<String> routes() {
    Set<String> routes = new TreeSet<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            routes.add(method.toUpperCase() + " " + path.getKey());
                          }
                        }));
    return routes;
  }

  /** "METHOD /path" of every operation that needs no token (security: []). */
  Set<String> unauthenticatedRoutes() {
    Set<String> routes = new TreeSet<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          JsonNode security = operation.getValue().path("security");
                          if (METHODS.contains(operation.getKey())
                              && security.isArray()
                              && security.isEmpty()) {
                            routes.add(operation.getKey().toUpperCase() + " " + path.getKey());
                          }
                        }));
    return routes;
  }

  /** "where: $ref X points at nothing" for each local $ref that does not resolve. */
  List<String> danglingRefs() {
    List<String> problems = new ArrayList<>();
    TemplateChecks.walk(
        document,
        "",
        (where, node) -> {
          String ref = node.path("$ref").asText("");
          if (node.isObject()
              && node.has("$ref")
              && (!ref.startsWith("#/") || document.at(ref.substring(1)).isMissingNode())) {
            problems.add(where + ": $ref " + ref + " points at nothing");
          }
        });
    return problems;
  }

  /** How many examples {@link #problems()} validated (so a test can prove it saw them). */
  int examplesChecked;

  /**
   * One line per problem: a request or response body with no example, or an example its schema
   * rejects ("where: message").
   */
  List<String> problems() {
    examplesChecked = 0;
    List<String> problems = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (!METHODS.contains(operation.getKey())) {
                            return;
                          }
                          String where = operation.getKey().toUpperCase() + " " + path.getKey();
                          JsonNode requestBody = resolve(operation.getValue().path("requestBody"));
                          if (!requestBody.isMissingNode()) {
                            checkContent(where + " request", requestBody.path("content"), problems);
                          }
                          operation
                              .getValue()
                              .path("responses")
                              .fields()
                              .forEachRemaining(
                                  response ->
                                      checkContent(
                                          where + " " + response.getKey(),
                                          resolve(response.getValue()).path("content"),
                                          problems));
                        }));
    return problems;
  }

  private void checkContent(String where, JsonNode content, List<String> problems) {
    content
        .fields()
        .forEachRemaining(
            media -> {
              String at = where + " " + media.getKey();
              JsonNode schemaNode = media.getValue().path("schema");
              String ref = schemaNode.path("$ref").asText("");
              if (!ref.startsWith("#/components/schemas/")) {
                problems.add(at + ": schema is not a $ref to #/components/schemas/");
                return;
              }
              List<JsonNode> examples = new ArrayList<>();
              if (media.getValue().has("example")) {
                examples.add(media.getValue().get("example"));
              }
              for (Iterator<JsonNode> it = media.getValue().path("examples").elements();
                  it.hasNext(); ) {
                examples.add(resolve(it.next()).path("value"));
              }
              if (examples.isEmpty()) {
                problems.add(at + ": no example");
              }
              Schema schema = schemas.schema(ref);
              for (JsonNode example : examples) {
                examplesChecked++;
                for (Error error : schema.validate(example)) {
                  problems.add(
                      at + " example " + error.getInstanceLocation() + ": " + error.getMessage());
                }
              }
            });
  }

  /** The node itself, or the component a {@code $ref} to "#/..." points at. */
  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
  }
}
