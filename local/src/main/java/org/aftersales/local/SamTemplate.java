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
  private final List<RuleDefinition> rules = new ArrayList<>();

  public SamTemplate(JsonNode root, Path directory, Map<String, String> parameterOverrides) {
    this.root = root;
    this.directory = directory;
    this.names = new LocalNames(root, parameterOverrides);
    this.functions = readFunctions();
    readRules();
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

  /**
   * The EventBridge rules on the stack's bus: functions' {@code EventBridgeRule} events and the
   * {@code AWS::Events::Rule} resources whose condition holds, with a function or an API
   * destination as target.
   */
  public List<RuleDefinition> rules() {
    return List.copyOf(rules);
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
                // The table's stream: dynalite has none; the function's schedule does the work.
                case "DynamoDB" -> {}
                case "EventBridgeRule" ->
                    rules.add(
                        rule(
                            id + event.getKey(),
                            eventProperties.path("Pattern"),
                            id,
                            eventProperties));
                case "Schedule" ->
                    schedules.add(
                        new ScheduleDefinition(
                            id,
                            event.getKey(),
                            names.resolve(eventProperties.path("Schedule")),
                            enabled(eventProperties)));
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

  private void readRules() {
    root.path("Resources")
        .properties()
        .forEach(
            entry -> {
              JsonNode resource = entry.getValue();
              if (!resource.path("Type").asText().equals("AWS::Events::Rule")
                  || !conditionHolds(resource.path("Condition"))) {
                return;
              }
              JsonNode properties = resource.path("Properties");
              for (JsonNode target : properties.path("Targets")) {
                JsonNode arn = target.path("Arn");
                String targetId =
                    arn.has("Fn::GetAtt") ? arn.get("Fn::GetAtt").path(0).asText() : null;
                String type =
                    targetId == null
                        ? ""
                        : root.path("Resources").path(targetId).path("Type").asText();
                switch (type) {
                  case "AWS::Serverless::Function" ->
                      rules.add(
                          rule(entry.getKey(), properties.path("EventPattern"), targetId, target));
                  case "AWS::Events::ApiDestination" ->
                      rules.add(
                          rule(entry.getKey(), properties.path("EventPattern"), null, target));
                  default -> {
                    // other targets (queues, streams) have no local server: not delivered
                  }
                }
              }
            });
  }

  private static RuleDefinition rule(
      String name, JsonNode pattern, String functionId, JsonNode target) {
    JsonNode retry = target.path("RetryPolicy");
    return new RuleDefinition(
        name,
        pattern,
        functionId,
        retry.path("MaximumRetryAttempts").asInt(RuleDefinition.DEFAULT_RETRY_ATTEMPTS),
        retry.has("MaximumEventAgeInSeconds")
            ? java.time.Duration.ofSeconds(retry.get("MaximumEventAgeInSeconds").asLong())
            : RuleDefinition.DEFAULT_EVENT_AGE);
  }

  /** A resource's {@code Condition}: none holds; else the template's condition evaluated. */
  private boolean conditionHolds(JsonNode condition) {
    if (condition.isMissingNode() || condition.isNull()) {
      return true;
    }
    return evaluate(root.path("Conditions").path(condition.asText()));
  }

  private boolean evaluate(JsonNode expression) {
    if (expression.has("Fn::Not")) {
      return !evaluate(expression.get("Fn::Not").path(0));
    }
    if (expression.has("Fn::Equals")) {
      return names
          .resolve(expression.get("Fn::Equals").path(0))
          .equals(names.resolve(expression.get("Fn::Equals").path(1)));
    }
    if (expression.has("Fn::And")) {
      for (JsonNode part : expression.get("Fn::And")) {
        if (!evaluate(part)) {
          return false;
        }
      }
      return true;
    }
    if (expression.has("Fn::Or")) {
      for (JsonNode part : expression.get("Fn::Or")) {
        if (evaluate(part)) {
          return true;
        }
      }
      return false;
    }
    if (expression.has("Condition")) {
      return conditionHolds(expression.get("Condition"));
    }
    throw new IllegalArgumentException("a condition the local stack can't evaluate: " + expression);
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
