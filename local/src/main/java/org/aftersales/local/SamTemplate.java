package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersales.localaws.CloudFormationYaml;
import org.aftersales.localaws.LocalNames;

/**
 * The parts of {@code template.yaml} the local stack runs: its functions (Globals applied, {@code
 * Ref}s resolved to local names, {@code CodeUri} resolved against the template's folder), their
 * HTTP routes with the API's JWT authorizer settings, S3 events and schedules, and the tables and
 * buckets to create. Pure after construction: reading only, no I/O past the file.
 */
public final class SamTemplate {

  private final JsonNode root;
  private final Path directory;
  private final LocalNames names;
  private final List<FunctionDefinition> functions;
  private final List<EventRuleDefinition> eventRules = new ArrayList<>();

  public SamTemplate(JsonNode root, Path directory, Map<String, String> parameterOverrides) {
    this.root = root;
    this.directory = directory;
    this.names = new LocalNames(root, parameterOverrides);
    this.functions = readFunctions();
  }

  public static SamTemplate load(Path templateFile) {
    return load(templateFile, Map.of());
  }

  public static SamTemplate load(Path templateFile, Map<String, String> parameterOverrides) {
    Path absolute = templateFile.toAbsolutePath().normalize();
    return new SamTemplate(
        CloudFormationYaml.read(absolute), absolute.getParent(), parameterOverrides);
  }

  public JsonNode root() {
    return root;
  }

  public LocalNames names() {
    return names;
  }

  public List<FunctionDefinition> functions() {
    return functions;
  }

  public FunctionDefinition function(String logicalId) {
    return functions.stream()
        .filter(f -> f.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no function "
                        + logicalId
                        + " in the template; there are "
                        + functions.stream().map(FunctionDefinition::logicalId).toList()));
  }

  /** Every function's {@code EventBridgeRule} events (MSG-3's emailer listens on one). */
  public List<EventRuleDefinition> eventRules() {
    return List.copyOf(eventRules);
  }

  public List<HttpRoute> routes() {
    return functions.stream().flatMap(f -> f.routes().stream()).toList();
  }

  /** Logical id → Properties of every resource of a CloudFormation type, in template order. */
  public Map<String, JsonNode> resourcesOfType(String type) {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    root.path("Resources")
        .properties()
        .forEach(
            entry -> {
              if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue().path("Properties"));
              }
            });
    return found;
  }

  private List<FunctionDefinition> readFunctions() {
    JsonNode globals = root.path("Globals").path("Function");
    List<FunctionDefinition> read = new ArrayList<>();
    resourcesOfType("AWS::Serverless::Function")
        .forEach((id, properties) -> read.add(readFunction(id, properties, globals)));
    return List.copyOf(read);
  }

  private FunctionDefinition readFunction(String id, JsonNode properties, JsonNode globals) {
    String handler = text(properties, globals, "Handler");
    if (handler == null) {
      throw new IllegalArgumentException(id + " has no Handler");
    }
    int separator = handler.indexOf("::");
    String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
    String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    String codeUri = text(properties, globals, "CodeUri");
    if (codeUri == null) {
      throw new IllegalArgumentException(id + " has no CodeUri");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    globals
        .path("Environment")
        .path("Variables")
        .properties()
        .forEach(e -> environment.put(e.getKey(), names.resolve(e.getValue())));
    properties
        .path("Environment")
        .path("Variables")
        .properties()
        .forEach(e -> environment.put(e.getKey(), names.resolve(e.getValue())));

    List<HttpRoute> routes = new ArrayList<>();
    List<S3Subscription> s3 = new ArrayList<>();
    List<ScheduleDefinition> schedules = new ArrayList<>();
    properties
        .path("Events")
        .properties()
        .forEach(
            event -> {
              JsonNode eventProperties = event.getValue().path("Properties");
              switch (event.getValue().path("Type").asText()) {
                case "HttpApi" -> routes.add(readRoute(id, eventProperties));
                case "S3" -> s3.add(readS3(id, eventProperties));
                case "Schedule" ->
                    schedules.add(
                        new ScheduleDefinition(
                            id,
                            event.getKey(),
                            names.resolve(eventProperties.path("Schedule")),
                            enabled(eventProperties)));
                case "EventBridgeRule" ->
                    eventRules.add(
                        EventRuleDefinition.read(
                            id,
                            event.getKey(),
                            eventProperties.has("EventBusName")
                                ? names.resolve(eventProperties.path("EventBusName"))
                                : null,
                            eventProperties.path("Pattern")));
                case "ScheduleV2" ->
                    schedules.add(
                        new ScheduleDefinition(
                            id,
                            event.getKey(),
                            names.resolve(eventProperties.path("ScheduleExpression")),
                            enabled(eventProperties)));
                default ->
                    throw new IllegalArgumentException(
                        id
                            + "."
                            + event.getKey()
                            + ": the local stack doesn't run events of type "
                            + event.getValue().path("Type").asText());
              }
            });
    return new FunctionDefinition(
        id,
        handlerClass,
        handlerMethod,
        directory.resolve(codeUri).normalize(),
        Integer.parseInt(orDefault(text(properties, globals, "MemorySize"), "512")),
        Integer.parseInt(orDefault(text(properties, globals, "Timeout"), "3")),
        environment,
        routes,
        s3,
        schedules,
        Integer.parseInt(
            orDefault(
                text(
                    properties.path("EventInvokeConfig"),
                    globals.path("EventInvokeConfig"),
                    "MaximumRetryAttempts"),
                "2")));
  }

  private HttpRoute readRoute(String functionId, JsonNode properties) {
    String method = properties.path("Method").asText("ANY").toUpperCase(Locale.ROOT);
    String path = properties.path("Path").asText();
    JsonNode apiAuth = httpApiAuth(properties.path("ApiId"));
    JsonNode routeAuth = properties.path("Auth");
    String authorizer =
        routeAuth.has("Authorizer")
            ? routeAuth.get("Authorizer").asText()
            : apiAuth.path("DefaultAuthorizer").asText(null);
    if (authorizer == null || authorizer.equals("NONE")) {
      return new HttpRoute(method, path, functionId, false, List.of());
    }
    JsonNode authorizerConfig = apiAuth.path("Authorizers").path(authorizer);
    if (authorizerConfig.isMissingNode()) {
      throw new IllegalArgumentException(
          functionId
              + " route "
              + method
              + " "
              + path
              + " names authorizer "
              + authorizer
              + ", which the API does not define");
    }
    if (!authorizerConfig.has("JwtConfiguration")) {
      throw new IllegalArgumentException(
          "authorizer "
              + authorizer
              + " is not a JWT authorizer: the local stack only runs JWT authorizers");
    }
    JsonNode scopes =
        routeAuth.has("AuthorizationScopes")
            ? routeAuth.get("AuthorizationScopes")
            : authorizerConfig.path("AuthorizationScopes");
    List<String> scopeList = new ArrayList<>();
    scopes.forEach(scope -> scopeList.add(names.resolve(scope)));
    return new HttpRoute(method, path, functionId, true, scopeList);
  }

  /**
   * The Auth block of the HTTP API a route belongs to: the one its ApiId names, else the implicit
   * API (Globals.HttpApi).
   */
  private JsonNode httpApiAuth(JsonNode apiId) {
    if (apiId.has("Ref")) {
      return root.path("Resources").path(apiId.get("Ref").asText()).path("Properties").path("Auth");
    }
    return root.path("Globals").path("HttpApi").path("Auth");
  }

  private S3Subscription readS3(String functionId, JsonNode properties) {
    List<String> events = new ArrayList<>();
    JsonNode declared = properties.path("Events");
    if (declared.isArray()) {
      declared.forEach(e -> events.add(e.asText()));
    } else {
      events.add(declared.asText());
    }
    String prefix = "";
    String suffix = "";
    for (JsonNode rule : properties.path("Filter").path("S3Key").path("Rules")) {
      String value = names.resolve(rule.path("Value"));
      switch (rule.path("Name").asText().toLowerCase(Locale.ROOT)) {
        case "prefix" -> prefix = value;
        case "suffix" -> suffix = value;
        default ->
            throw new IllegalArgumentException(functionId + ": unknown S3 filter rule " + rule);
      }
    }
    return new S3Subscription(
        functionId, names.resolve(properties.path("Bucket")), events, prefix, suffix);
  }

  private static boolean enabled(JsonNode properties) {
    if (properties.has("State")) {
      return properties.get("State").asText().equals("ENABLED");
    }
    return !properties.has("Enabled") || properties.get("Enabled").asText().equals("true");
  }

  private String text(JsonNode properties, JsonNode globals, String name) {
    JsonNode value = properties.has(name) ? properties.get(name) : globals.get(name);
    return value == null ? null : names.resolve(value);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
