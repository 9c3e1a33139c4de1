package org.aftersales.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

/**
 * Least privilege held to the code (docs/design.md "IAM policies"): each function's policy in
 * template.yaml grants exactly the permissions its handler's AWS calls needed in this build's
 * handler tests — no action it never calls, no table, index or key prefix it never touches — and
 * every permission those calls needed is granted.
 *
 * <p>The calls are recorded by {@code AwsCallRecorder} (shared's test-jar) into each function
 * module's {@code target/aws-calls/<FunctionId>.txt}; the reactor builds and tests the function
 * modules before this one. An integration test, so that {@code -DskipITs} skips it together with
 * the handler tests it reads. A missing recording fails: the function's handler tests did not run
 * in this build. To check the recordings of an earlier build, run this IT alone with {@code
 * -Daftersales.awsCalls.keep=true} (the build then keeps {@code target/aws-calls}); {@code
 * -Daftersales.awsCalls.allowMissing=true} leaves out functions without a recording (listed on
 * stderr) instead of failing; a recording that exists is still checked (docs/design.md).
 */
class TemplatePoliciesIT {

  /** Set to {@code true} to leave out functions whose handler tests did not run in this build. */
  static final String ALLOW_MISSING = "aftersales.awsCalls.allowMissing";

  /**
   * Permissions a function's code needs that its handler tests do not record, each with why. None
   * today: every POST route either keeps its Idempotency-Key on the order item or is read-only, and
   * the SDK's presigner runs the recorder too, so a presigned URL is recorded.
   */
  static final Map<String, Map<String, String>> NOT_RECORDED = Map.of();

  private final JsonNode template = CloudFormationYaml.read(ProjectFiles.template());

  @Test
  void every_function_is_granted_exactly_what_its_handler_tests_called() {
    boolean allowMissing = Boolean.getBoolean(ALLOW_MISSING);
    List<String> problems = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              Path file = recording(id, function);
              Optional<Set<String>> calls = read(file);
              if (calls.isEmpty()) {
                if (allowMissing) {
                  leftOut.add(id);
                } else {
                  problems.add(
                      id
                          + ": no recording "
                          + file
                          + " (its handler tests did not run in this build; run its module's"
                          + " tests before this one, e.g. ./mvnw verify, or see -D"
                          + ALLOW_MISSING
                          + ")");
                }
                return;
              }
              problems.addAll(
                  problems(
                      template,
                      id,
                      function,
                      calls.get(),
                      NOT_RECORDED.getOrDefault(id, Map.of())));
            });
    if (!leftOut.isEmpty()) {
      System.err.println("TemplatePoliciesIT: no recording, not checked: " + leftOut);
    }
    assertThat(problems).as("template.yaml policies against the recorded AWS calls").isEmpty();
  }

  /** Where the function's module records its calls: beside the zip its CodeUri names. */
  static Path recording(String id, JsonNode function) {
    Path zip = ProjectFiles.root().resolve(function.path("Properties").path("CodeUri").asText());
    return zip.getParent().resolve("aws-calls").resolve(id + ".txt");
  }

  /**
   * What is wrong with the function's grants given its recorded {@code calls}: grants never called,
   * calls not granted, and declarations of unrecorded uses that were recorded after all.
   */
  static List<String> problems(
      JsonNode template,
      String id,
      JsonNode function,
      Set<String> calls,
      Map<String, String> declared) {
    PolicyGrants.Grants grants = PolicyGrants.of(template, id, function);
    List<String> problems = new ArrayList<>(grants.problems());
    Set<String> needed = new TreeSet<>(calls);
    needed.addAll(declared.keySet());

    Set<String> unused = new TreeSet<>(grants.lines());
    unused.removeAll(needed);
    unused.forEach(
        line -> problems.add(id + ": grants " + line + " but its handler tests never needed it"));
    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(grants.lines());
    missing.forEach(
        line ->
            problems.add(
                id
                    + ": needs "
                    + line
                    + (declared.containsKey(line) ? " (" + declared.get(line) + ")" : "")
                    + " but its policy does not grant it"));
    declared.keySet().stream()
        .filter(calls::contains)
        .forEach(
            line ->
                problems.add(
                    id + ": " + line + " is declared as not recorded but was recorded: drop it"));
    return problems;
  }

  private static Optional<Set<String>> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Set<String> lines = new TreeSet<>();
      for (String line : Files.readAllLines(file, UTF_8)) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return Optional.of(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- tests of the check

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> CLAIMS_CALLS =
      Set.of(
          "dynamodb:GetItem AfterSalesTable",
          "dynamodb:PutItem AfterSalesTable",
          "dynamodb:Query AfterSalesTable/index/ByOrder",
          "s3:PutObject EvidenceBucket/claims/*");

  /** ClaimsFunction of the real template with its Policies replaced by one statement. */
  private ObjectNode claimsFunctionGranting(List<String> actions, List<JsonNode> resources) {
    ObjectNode function =
        ((ObjectNode) template.path("Resources").path("ClaimsFunction")).deepCopy();
    ArrayNode policies = ((ObjectNode) function.path("Properties")).putArray("Policies");
    ObjectNode statement = policies.addObject().putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    actions.forEach(statement.putArray("Action")::add);
    resources.forEach(statement.putArray("Resource")::add);
    return function;
  }

  private static ObjectNode sub(String text) {
    return NODES.objectNode().put("Fn::Sub", text);
  }

  private static ObjectNode tableArn() {
    ObjectNode getAtt = NODES.objectNode();
    getAtt.putArray("Fn::GetAtt").add("AfterSalesTable").add("Arn");
    return getAtt;
  }

  private static ObjectNode statement(String action, JsonNode resource) {
    ObjectNode statement = NODES.objectNode().put("Effect", "Allow").put("Action", action);
    statement.set("Resource", resource);
    return statement;
  }

  @Test
  void grants_matching_the_calls_exactly_are_no_problem() {
    ObjectNode function =
        claimsFunctionGranting(
            List.of("dynamodb:GetItem", "dynamodb:PutItem"), List.of(tableArn()));
    ((ArrayNode) function.at("/Properties/Policies"))
        .addObject()
        .putArray("Statement")
        .add(statement("dynamodb:Query", sub("${AfterSalesTable.Arn}/index/ByOrder")))
        .add(statement("s3:PutObject", sub("${EvidenceBucket.Arn}/claims/*")));

    assertThat(problems(template, "ClaimsFunction", function, CLAIMS_CALLS, Map.of())).isEmpty();
  }

  @Test
  void a_called_action_that_is_not_granted_is_reported() {
    ObjectNode function = claimsFunctionGranting(List.of("dynamodb:GetItem"), List.of(tableArn()));
    ((ArrayNode) function.at("/Properties/Policies"))
        .addObject()
        .putArray("Statement")
        .add(statement("dynamodb:Query", sub("${AfterSalesTable.Arn}/index/ByOrder")))
        .add(statement("s3:PutObject", sub("${EvidenceBucket.Arn}/claims/*")));

    assertThat(problems(template, "ClaimsFunction", function, CLAIMS_CALLS, Map.of()))
        .containsExactly(
            "ClaimsFunction: needs dynamodb:PutItem AfterSalesTable but its policy does not grant"
                + " it");
  }

  @Test
  void a_granted_action_never_called_is_reported_and_so_is_an_index_never_queried() {
    ObjectNode function =
        claimsFunctionGranting(
            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"), List.of(tableArn()));
    ((ArrayNode) function.at("/Properties/Policies"))
        .addObject()
        .putArray("Statement")
        .add(statement("dynamodb:Query", sub("${AfterSalesTable.Arn}/index/ByOrder")))
        .add(statement("dynamodb:Query", sub("${AfterSalesTable.Arn}/index/ByStatus")))
        .add(
            statement(
                "s3:PutObject",
                sub(
                    "arn:${AWS::Partition}:s3:::${EvidenceBucketPrefix}-${AWS::AccountId}-${AWS::Region}/claims/*")));

    assertThat(problems(template, "ClaimsFunction", function, CLAIMS_CALLS, Map.of()))
        .containsExactly(
            "ClaimsFunction: grants dynamodb:Query AfterSalesTable/index/ByStatus but its handler"
                + " tests never needed it",
            "ClaimsFunction: grants dynamodb:Scan AfterSalesTable but its handler tests never"
                + " needed it");
  }

  @Test
  void a_declared_unrecorded_use_must_be_granted_and_is_reported_once_recorded() {
    ObjectNode function = claimsFunctionGranting(List.of("dynamodb:GetItem"), List.of(tableArn()));
    String presigned = "s3:PutObject EvidenceBucket/claims/*";
    Map<String, String> declared = Map.of(presigned, "presigned PUT: the signer makes no call");
    String get = "dynamodb:GetItem AfterSalesTable";

    assertThat(problems(template, "ClaimsFunction", function, Set.of(get), declared))
        .containsExactly(
            "ClaimsFunction: needs s3:PutObject EvidenceBucket/claims/* (presigned PUT: the"
                + " signer makes no call) but its policy does not grant it");

    ((ArrayNode) function.at("/Properties/Policies/0/Statement"))
        .add(statement("s3:PutObject", sub("${EvidenceBucket.Arn}/claims/*")));
    assertThat(problems(template, "ClaimsFunction", function, Set.of(get), declared)).isEmpty();
    assertThat(problems(template, "ClaimsFunction", function, Set.of(get, presigned), declared))
        .containsExactly(
            "ClaimsFunction: s3:PutObject EvidenceBucket/claims/* is declared as not recorded but"
                + " was recorded: drop it");
  }

  @Test
  void a_sam_policy_template_is_reported_as_unreadable() {
    ObjectNode function =
        ((ObjectNode) template.path("Resources").path("ClaimsFunction")).deepCopy();
    ((ObjectNode) function.path("Properties"))
        .putArray("Policies")
        .addObject()
        .putObject("DynamoDBCrudPolicy")
        .putObject("TableName")
        .put("Ref", "AfterSalesTable");

    assertThat(problems(template, "ClaimsFunction", function, Set.of(), Map.of()))
        .containsExactly(
            "ClaimsFunction: policy DynamoDBCrudPolicy is not an inline Statement: grants must be"
                + " written out so they can be checked against the calls");
  }
}
