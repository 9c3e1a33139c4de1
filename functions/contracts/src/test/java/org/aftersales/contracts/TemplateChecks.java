package org.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.localaws.CloudFormationYaml;

/**
 * The checks the SAM schema can't make, over a template in JSON form (see {@link
 * CloudFormationYaml}): every {@code Ref}/{@code GetAtt}/{@code Sub} target exists, every
 * function's handler class exists, every function's policies name only the resources it is allowed
 * to use, and no dependency cycle. Each check returns one line per problem (empty = fine). No side
 * effects besides loading (not initialising) handler classes.
 */
final class TemplateChecks {

  static final Set<String> PSEUDO_PARAMETERS =
      Set.of(
          "AWS::AccountId",
          "AWS::NotificationARNs",
          "AWS::NoValue",
          "AWS::Partition",
          "AWS::Region",
          "AWS::StackId",
          "AWS::StackName",
          "AWS::URLSuffix");

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final String FUNCTION = "AWS::Serverless::Function";

  private TemplateChecks() {}

  // ---------------------------------------------------------------- references

  /** Every name a Ref/GetAtt/Sub/DependsOn may point at in this template. */
  static Set<String> referenceableNames(JsonNode template) {
    Set<String> names = new TreeSet<>(PSEUDO_PARAMETERS);
    template.path("Parameters").fieldNames().forEachRemaining(names::add);
    JsonNode resources = template.path("Resources");
    boolean autoPublishGlobal = template.path("Globals").path("Function").has("AutoPublishAlias");
    boolean implicitHttpApi = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      String id = resource.getKey();
      JsonNode properties = resource.getValue().path("Properties");
      names.add(id);
      switch (resource.getValue().path("Type").asText()) {
        case FUNCTION -> {
          // Resources SAM generates for a function (its role unless one is given, alias/version).
          if (!properties.has("Role")) {
            names.add(id + "Role");
          }
          if (autoPublishGlobal || properties.has("AutoPublishAlias")) {
            names.add(id + ".Alias");
            names.add(id + ".Version");
          }
          for (JsonNode event : properties.path("Events")) {
            if (event.path("Type").asText().equals("HttpApi")
                && !event.path("Properties").has("ApiId")) {
              implicitHttpApi = true;
            }
          }
        }
        case "AWS::Serverless::HttpApi", "AWS::Serverless::Api" -> names.add(id + ".Stage");
        default -> {}
      }
    }
    if (implicitHttpApi) {
      names.add("ServerlessHttpApi");
    }
    return names;
  }

  /** "location: !Ref X names nothing in the template" for each dangling reference. */
  static List<String> danglingReferences(JsonNode template) {
    Set<String> known = referenceableNames(template);
    List<String> problems = new ArrayList<>();
    for (String section : List.of("Globals", "Resources", "Outputs", "Conditions")) {
      walk(
          template.path(section),
          "/" + section,
          (location, node) -> {
            for (Reference reference : referencesIn(node)) {
              if (!known.contains(reference.target())) {
                problems.add(location + ": " + reference.form() + " names nothing in the template");
              }
            }
          });
    }
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            resource -> {
              JsonNode dependsOn = resource.getValue().path("DependsOn");
              List<JsonNode> targets = new ArrayList<>();
              if (dependsOn.isArray()) {
                dependsOn.forEach(targets::add);
              } else if (dependsOn.isTextual()) {
                targets.add(dependsOn);
              }
              for (JsonNode target : targets) {
                if (!template.path("Resources").has(target.asText())) {
                  problems.add(
                      "/Resources/"
                          + resource.getKey()
                          + "/DependsOn: "
                          + target.asText()
                          + " names no resource");
                }
              }
            });
    return problems;
  }

  /** A reference found in one intrinsic function: its target name and how it was written. */
  record Reference(String target, String form) {}

  /** The references made by this node itself (not by its children). */
  static List<Reference> referencesIn(JsonNode node) {
    List<Reference> references = new ArrayList<>();
    if (!node.isObject() || node.size() != 1) {
      return references;
    }
    if (node.has("Ref") && node.get("Ref").isTextual()) {
      references.add(new Reference(node.get("Ref").asText(), "!Ref " + node.get("Ref").asText()));
    } else if (node.has("Fn::GetAtt")) {
      JsonNode argument = node.get("Fn::GetAtt");
      String target =
          argument.isArray() ? argument.path(0).asText() : argument.asText().split("\\.", 2)[0];
      references.add(
          new Reference(
              target,
              "!GetAtt "
                  + (argument.isArray()
                      ? target + "." + argument.path(1).asText()
                      : argument.asText())));
    } else if (node.has("Fn::Sub")) {
      JsonNode argument = node.get("Fn::Sub");
      String text = argument.isArray() ? argument.path(0).asText() : argument.asText();
      JsonNode variables = argument.isArray() ? argument.path(1) : null;
      Matcher m = SUB_VARIABLE.matcher(text);
      while (m.find()) {
        String variable = m.group(1).trim();
        if (variable.startsWith("!") || (variables != null && variables.has(variable))) {
          continue; // ${!Literal} or a variable given in the Sub's own map
        }
        // ${Resource.Attribute} is a GetAtt; pseudo parameters contain "::", not a dot
        String target = variable.contains("::") ? variable : variable.split("\\.", 2)[0];
        if (variable.endsWith(".Alias")
            || variable.endsWith(".Version")
            || variable.endsWith(".Stage")) {
          target = variable;
        }
        references.add(new Reference(target, "${" + variable + "} in !Sub"));
      }
    }
    return references;
  }

  /** Visits every node under root with its JSON-pointer-like location. */
  static void walk(JsonNode root, String location, BiConsumer<String, JsonNode> visitor) {
    visitor.accept(location, root);
    if (root.isObject()) {
      root.fields()
          .forEachRemaining(
              field -> walk(field.getValue(), location + "/" + field.getKey(), visitor));
    } else if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        walk(root.get(i), location + "/" + i, visitor);
      }
    }
  }

  // ---------------------------------------------------------------- dependency cycles

  /**
   * Resource → the resources it depends on, as CloudFormation will see them after the SAM
   * transform, approximated: a resource depends on everything it references (a function also on
   * what Globals gives every function); a function's Events do not make it depend on their source,
   * the other way round: SAM puts an S3 event on the bucket's notification (which waits for the
   * function's permission) and an HttpApi route on the API.
   */
  static Map<String, Set<String>> dependencies(JsonNode template) {
    JsonNode resources = template.path("Resources");
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    resources
        .fields()
        .forEachRemaining(
            resource -> {
              String id = resource.getKey();
              Set<String> targets = graph.computeIfAbsent(id, k -> new TreeSet<>());
              JsonNode definition = resource.getValue().deepCopy();
              boolean function = definition.path("Type").asText().equals(FUNCTION);
              if (function) {
                JsonNode events = definition.path("Properties").path("Events");
                events.forEach(
                    event -> {
                      String source =
                          switch (event.path("Type").asText()) {
                            case "S3" ->
                                event.path("Properties").path("Bucket").path("Ref").asText(null);
                            case "HttpApi" ->
                                event.path("Properties").path("ApiId").path("Ref").asText(null);
                            default -> null;
                          };
                      if (source != null && resources.has(source)) {
                        graph.computeIfAbsent(source, k -> new TreeSet<>()).add(id);
                      }
                    });
                ((ObjectNode) definition.path("Properties")).remove("Events");
              }
              BiConsumer<String, JsonNode> collect =
                  (location, node) ->
                      referencesIn(node).stream()
                          .map(reference -> reference.target().split("\\.", 2)[0])
                          .filter(resources::has)
                          .forEach(targets::add);
              walk(definition, "", collect);
              if (function) {
                walk(template.path("Globals").path("Function"), "", collect);
              }
              dependsOn(resource.getValue()).forEach(targets::add);
            });
    return graph;
  }

  private static List<String> dependsOn(JsonNode resource) {
    JsonNode dependsOn = resource.path("DependsOn");
    List<String> targets = new ArrayList<>();
    if (dependsOn.isArray()) {
      dependsOn.forEach(target -> targets.add(target.asText()));
    } else if (dependsOn.isTextual()) {
      targets.add(dependsOn.asText());
    }
    return targets;
  }

  /** "A -> B -> A" for each dependency cycle found (CloudFormation refuses such a stack). */
  static List<String> dependencyCycles(JsonNode template) {
    Map<String, Set<String>> graph = dependencies(template);
    List<String> cycles = new ArrayList<>();
    Set<String> done = new TreeSet<>();
    for (String start : graph.keySet()) {
      findCycles(start, graph, new ArrayList<>(), done, cycles);
    }
    return cycles;
  }

  private static void findCycles(
      String node,
      Map<String, Set<String>> graph,
      List<String> path,
      Set<String> done,
      List<String> cycles) {
    int seen = path.indexOf(node);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(node);
      cycles.add(String.join(" -> ", cycle));
      return;
    }
    if (done.contains(node)) {
      return;
    }
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      findCycles(next, graph, path, done, cycles);
    }
    path.remove(path.size() - 1);
    done.add(node);
  }

  // ---------------------------------------------------------------- functions and handlers

  /** Logical id → resource, for every AWS::Serverless::Function, in template order. */
  static Map<String, JsonNode> functions(JsonNode template) {
    Map<String, JsonNode> functions = new LinkedHashMap<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            resource -> {
              if (resource.getValue().path("Type").asText().equals(FUNCTION)) {
                functions.put(resource.getKey(), resource.getValue());
              }
            });
    return functions;
  }

  /** The function's handler, from its own properties or from Globals. */
  static String handler(JsonNode template, JsonNode function) {
    JsonNode own = function.path("Properties").path("Handler");
    return own.isTextual()
        ? own.asText()
        : template.path("Globals").path("Function").path("Handler").asText(null);
  }

  /** "Fn: handler class X not found" for each function whose handler class can't be loaded. */
  static List<String> missingHandlers(JsonNode template, ClassLoader loader) {
    List<String> problems = new ArrayList<>();
    functions(template)
        .forEach(
            (id, function) -> {
              String handler = handler(template, function);
              if (handler == null) {
                problems.add(id + ": no Handler");
                return;
              }
              String className = handler.split("::", 2)[0];
              try {
                Class.forName(className, false, loader);
              } catch (ClassNotFoundException | LinkageError e) {
                problems.add(id + ": handler class " + className + " not found");
              }
            });
    return problems;
  }

  // ---------------------------------------------------------------- HTTP routes

  /** "METHOD /path" of every HttpApi event of every function → the function's logical id. */
  static Map<String, String> httpRoutes(JsonNode template) {
    Map<String, String> routes = new LinkedHashMap<>();
    functions(template)
        .forEach(
            (id, function) -> {
              for (JsonNode event : function.path("Properties").path("Events")) {
                if (event.path("Type").asText().equals("HttpApi")) {
                  JsonNode properties = event.path("Properties");
                  routes.put(
                      properties.path("Method").asText().toUpperCase()
                          + " "
                          + properties.path("Path").asText(),
                      id);
                }
              }
            });
    return routes;
  }

  /** "METHOD /path" of every HttpApi event that opts out of the default authorizer. */
  static Set<String> unauthenticatedRoutes(JsonNode template) {
    Set<String> routes = new TreeSet<>();
    functions(template)
        .forEach(
            (id, function) -> {
              for (JsonNode event : function.path("Properties").path("Events")) {
                JsonNode properties = event.path("Properties");
                if (event.path("Type").asText().equals("HttpApi")
                    && properties.path("Auth").path("Authorizer").asText().equals("NONE")) {
                  routes.add(
                      properties.path("Method").asText().toUpperCase()
                          + " "
                          + properties.path("Path").asText());
                }
              }
            });
    return routes;
  }

  // ---------------------------------------------------------------- least privilege

  /**
   * The resources a function's Policies name: those referenced by Ref/GetAtt/Sub, plus those named
   * by their built name (a resource whose BucketName/TableName/QueueName is a !Sub whose text
   * appears inside a policy's !Sub, the pattern that avoids the S3 notification cycle).
   */
  static Set<String> resourcesNamedByPolicies(JsonNode template, JsonNode function) {
    JsonNode resources = template.path("Resources");
    Map<String, String> builtNames = new LinkedHashMap<>();
    resources
        .fields()
        .forEachRemaining(
            resource -> {
              for (String nameProperty :
                  List.of("BucketName", "TableName", "QueueName", "TopicName")) {
                JsonNode sub =
                    resource.getValue().path("Properties").path(nameProperty).path("Fn::Sub");
                if (sub.isTextual()) {
                  builtNames.put(sub.asText(), resource.getKey());
                }
              }
            });
    Set<String> named = new TreeSet<>();
    walk(
        function.path("Properties").path("Policies"),
        "",
        (location, node) -> {
          for (Reference reference : referencesIn(node)) {
            if (resources.has(reference.target())) {
              named.add(reference.target());
            }
          }
          JsonNode sub = node.path("Fn::Sub");
          String text = sub.isArray() ? sub.path(0).asText() : sub.asText("");
          builtNames.forEach(
              (builtName, id) -> {
                if (!builtName.isEmpty() && text.contains(builtName)) {
                  named.add(id);
                }
              });
        });
    return named;
  }

  /**
   * For each function: its policies name exactly the resources of its allow-list, and no statement
   * grants on every resource ("*"). A function missing from the allow-list is a problem too, so a
   * new function can't slip in without a decision.
   */
  static List<String> policyScopeProblems(JsonNode template, Map<String, Set<String>> allowed) {
    List<String> problems = new ArrayList<>();
    functions(template)
        .forEach(
            (id, function) -> {
              Set<String> expected = allowed.get(id);
              if (expected == null) {
                problems.add(
                    id + ": no declared allow-list of the resources its policies may name");
                return;
              }
              Set<String> named = resourcesNamedByPolicies(template, function);
              Set<String> extra = new TreeSet<>(named);
              extra.removeAll(expected);
              Set<String> missing = new TreeSet<>(expected);
              missing.removeAll(named);
              if (!extra.isEmpty()) {
                problems.add(
                    id
                        + ": policies name "
                        + extra
                        + " beyond its allow-list "
                        + new TreeSet<>(expected));
              }
              if (!missing.isEmpty()) {
                problems.add(id + ": policies do not name " + missing + " that it needs");
              }
              walk(
                  function.path("Properties").path("Policies"),
                  "/Resources/" + id + "/Properties/Policies",
                  (location, node) -> {
                    if (node.isTextual() && node.asText().equals("*")) {
                      problems.add(location + ": grants on every resource (\"*\")");
                    }
                  });
            });
    return problems;
  }
}
