package org.aftersales.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every operation of openapi.yaml with who may call it (the roles its summary names in parentheses,
 * as openapi.yaml's summaries do: "(owner, agent)"), its path and query parameters, and its request
 * body example: what the matrix and the fuzz are generated from.
 */
record ApiRoutes(List<Operation> operations) {

  /** A caller kind of openapi.yaml "Callers". */
  enum Role {
    ANYONE,
    OWNER,
    AGENT,
    WAREHOUSE,
    STOREFRONT_SERVICE,
    PAYMENT_INTEGRATION
  }

  record Operation(
      String method,
      String path,
      Set<Role> roles,
      List<String> pathParameters,
      List<String> queryParameters,
      JsonNode bodyExample) {

    String routeKey() {
      return method + " " + path;
    }

    boolean hasBody() {
      return bodyExample != null;
    }
  }

  private static final Pattern ROLES = Pattern.compile("\\(([^)]*)\\)\\s*$");

  static ApiRoutes load() {
    JsonNode api;
    try {
      api =
          new ObjectMapper(new YAMLFactory())
              .readTree(
                  org.aftersales.localaws.ProjectRoot.find().resolve("openapi.yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> operations = new ArrayList<>();
    api.path("paths")
        .properties()
        .forEach(
            path -> {
              List<JsonNode> shared = new ArrayList<>();
              path.getValue().path("parameters").forEach(shared::add);
              path.getValue()
                  .properties()
                  .forEach(
                      op -> {
                        if (op.getKey().equals("parameters")) {
                          return;
                        }
                        List<JsonNode> parameters = new ArrayList<>(shared);
                        op.getValue().path("parameters").forEach(parameters::add);
                        List<String> inPath = new ArrayList<>();
                        List<String> inQuery = new ArrayList<>();
                        for (JsonNode p : parameters) {
                          JsonNode resolved = resolve(api, p);
                          switch (resolved.path("in").asText()) {
                            case "path" -> inPath.add(resolved.path("name").asText());
                            case "query" -> inQuery.add(resolved.path("name").asText());
                            default -> {}
                          }
                        }
                        JsonNode example =
                            op.getValue()
                                .path("requestBody")
                                .path("content")
                                .path("application/json")
                                .get("example");
                        operations.add(
                            new Operation(
                                op.getKey().toUpperCase(Locale.ROOT),
                                path.getKey(),
                                roles(op.getValue().path("summary").asText()),
                                inPath,
                                inQuery,
                                example));
                      });
            });
    return new ApiRoutes(List.copyOf(operations));
  }

  private static JsonNode resolve(JsonNode api, JsonNode node) {
    String ref = node.path("$ref").asText(null);
    return ref == null ? node : api.at(ref.substring(1));
  }

  static Set<Role> roles(String summary) {
    Matcher m = ROLES.matcher(summary);
    if (!m.find()) {
      throw new IllegalStateException("openapi.yaml summary names no callers: " + summary);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String word : m.group(1).split(",")) {
      String name = word.strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "anyone, no token", "anyone" -> roles.add(Role.ANYONE);
        case "owner" -> roles.add(Role.OWNER);
        case "agent" -> roles.add(Role.AGENT);
        case "warehouse" -> roles.add(Role.WAREHOUSE);
        case "storefront service" -> roles.add(Role.STOREFRONT_SERVICE);
        case "payment integration" -> roles.add(Role.PAYMENT_INTEGRATION);
        default -> {} // rule ids (RET-9, DOA-4) and notes
      }
    }
    if (roles.isEmpty()) {
      throw new IllegalStateException("openapi.yaml summary names no known caller: " + summary);
    }
    return roles;
  }
}
