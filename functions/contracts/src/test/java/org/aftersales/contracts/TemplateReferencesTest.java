package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against itself and the code: every Ref/GetAtt/Sub target exists, every function's
 * handler class is on the classpath (the function modules are test dependencies), and every
 * function's policies name exactly the resources of its allow-list below (least privilege,
 * docs/design.md). The fixture tests prove each check reports the one problem.
 */
class TemplateReferencesTest {

  /** What each function's policies may name (docs/design.md "Functions"). */
  static final Map<String, Set<String>> POLICY_ALLOW_LIST =
      Map.ofEntries(
          Map.entry("OrdersFunction", Set.of("AfterSalesTable")),
          Map.entry("CancellationFunction", Set.of("AfterSalesTable")),
          Map.entry("AutoCancelFunction", Set.of("AfterSalesTable")),
          // LAW-3: withdrawal records' copies (withdrawals/, create-only)
          Map.entry("ReturnsFunction", Set.of("AfterSalesTable", "EvidenceBucket")),
          // RET-9: the AUTHORIZED returns by send-by date, each return and its order
          Map.entry("ReturnExpiryFunction", Set.of("AfterSalesTable")),
          // DOA-7: the claims waiting for evidence by statusSince, each claim and its order
          Map.entry("ClaimExpiryFunction", Set.of("AfterSalesTable")),
          // presigned PUTs (DOA-3)
          Map.entry("ClaimsFunction", Set.of("AfterSalesTable", "EvidenceBucket")),
          // read + delete bad files (DOA-3)
          Map.entry("EvidenceFunction", Set.of("AfterSalesTable", "EvidenceBucket")),
          Map.entry("RefundsFunction", Set.of("AfterSalesTable")),
          Map.entry("PolicyFunction", Set.of()), // GEN-7: the policy document only
          // GEN-5: reads the pending index; MSG-5: announces a late refund on its order
          Map.entry("RefundBreachFunction", Set.of("AfterSalesTable")),
          Map.entry("EventPublisherFunction", Set.of("AfterSalesTable", "EventBus")), // MSG-2
          Map.entry("OrderEventsFunction", Set.of("AfterSalesTable")), // the order's history
          // MSG-3: contact, EMAIL items (+ SES)
          Map.entry("EmailFunction", Set.of("AfterSalesTable")));

  private final JsonNode template = CloudFormationYaml.read(ProjectFiles.template());

  @Test
  void every_reference_in_the_template_has_a_target() {
    assertThat(TemplateChecks.danglingReferences(template)).isEmpty();
  }

  @Test
  void every_function_of_the_design_is_in_the_template_with_its_handler() {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("OrdersFunction", "org.aftersales.orders.OrdersHandler::handleRequest"),
            Map.entry(
                "CancellationFunction",
                "org.aftersales.cancellation.CancellationHandler::handleRequest"),
            Map.entry(
                "AutoCancelFunction",
                "org.aftersales.cancellation.AutoCancelHandler::handleRequest"),
            Map.entry("ReturnsFunction", "org.aftersales.returns.ReturnsHandler::handleRequest"),
            Map.entry(
                "ReturnExpiryFunction",
                "org.aftersales.returns.ReturnExpiryHandler::handleRequest"),
            Map.entry(
                "ClaimExpiryFunction", "org.aftersales.claims.ClaimExpiryHandler::handleRequest"),
            Map.entry("ClaimsFunction", "org.aftersales.claims.ClaimsHandler::handleRequest"),
            Map.entry("EvidenceFunction", "org.aftersales.claims.EvidenceHandler::handleRequest"),
            Map.entry("RefundsFunction", "org.aftersales.refunds.RefundsHandler::handleRequest"),
            Map.entry("PolicyFunction", "org.aftersales.policyapi.PolicyHandler::handleRequest"),
            Map.entry(
                "RefundBreachFunction",
                "org.aftersales.refunds.RefundBreachHandler::handleRequest"),
            Map.entry(
                "EventPublisherFunction", "org.aftersales.events.PublisherHandler::handleRequest"),
            Map.entry(
                "OrderEventsFunction", "org.aftersales.events.OrderEventsHandler::handleRequest"),
            Map.entry("EmailFunction", "org.aftersales.emails.EmailHandler::handleRequest"));

    Map<String, JsonNode> functions = TemplateChecks.functions(template);
    assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    functions.forEach(
        (id, function) ->
            assertThat(TemplateChecks.handler(template, function))
                .as(id)
                .isEqualTo(expected.get(id)));
  }

  @Test
  void the_template_has_no_dependency_cycle() {
    assertThat(TemplateChecks.dependencyCycles(template)).isEmpty();
    assertThat(TemplateChecks.dependencies(template).get("EvidenceBucket"))
        .as("the S3 notification waits for the evidence function")
        .contains("EvidenceFunction");
  }

  @Test
  void every_handler_class_exists() {
    assertThat(TemplateChecks.missingHandlers(template, getClass().getClassLoader())).isEmpty();
  }

  @Test
  void every_functions_policies_name_only_what_it_uses() {
    assertThat(TemplateChecks.policyScopeProblems(template, POLICY_ALLOW_LIST)).isEmpty();
  }

  // ---------------------------------------------------------------- tests of the checks

  @Test
  void a_dangling_ref_is_reported_as_one_line() {
    JsonNode fixture = CloudFormationYaml.read(ProjectFiles.fixture("dangling-ref.yaml"));

    assertThat(TemplateChecks.danglingReferences(fixture))
        .containsExactly(
            "/Resources/HelloFunction/Properties/Environment/Variables/BUCKET_NAME: !Ref MissingBucket names nothing in the template");
  }

  @Test
  void generated_names_and_sub_variables_count_as_targets() {
    // dangling-ref.yaml also uses HelloFunctionRole, ServerlessHttpApi, AWS::Region and a
    // parameter inside !Sub: none of them is reported above. A Sub to a missing resource is.
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("dangling-ref.yaml"));
    ((ObjectNode) fixture.at("/Resources/HelloFunction/Properties/Environment/Variables"))
        .remove("BUCKET_NAME");
    ((ObjectNode) fixture.at("/Outputs/Api"))
        .set(
            "Value",
            fixture.objectNode().put("Fn::Sub", "${Missing.Arn}/${AWS::Region}/${!Literal}"));

    assertThat(TemplateChecks.danglingReferences(fixture))
        .containsExactly(
            "/Outputs/Api/Value: ${Missing.Arn} in !Sub names nothing in the template");
  }

  @Test
  void a_missing_handler_class_is_reported_as_one_line() {
    ObjectNode fixture =
        (ObjectNode) CloudFormationYaml.read(ProjectFiles.fixture("dangling-ref.yaml"));
    assertThat(TemplateChecks.missingHandlers(fixture, getClass().getClassLoader())).isEmpty();

    ((ObjectNode) fixture.at("/Resources/HelloFunction/Properties"))
        .put("Handler", "org.aftersales.contracts.NoSuchHandler::handleRequest");

    assertThat(TemplateChecks.missingHandlers(fixture, getClass().getClassLoader()))
        .containsExactly(
            "HelloFunction: handler class org.aftersales.contracts.NoSuchHandler not found");
  }

  @Test
  void a_policy_beyond_the_allow_list_is_reported_as_one_line() {
    ObjectNode copy = template.deepCopy();
    ObjectNode policyFunction = (ObjectNode) copy.at("/Resources/PolicyFunction/Properties");
    ArrayNode policies = policyFunction.putArray("Policies");
    policies
        .addObject()
        .putObject("S3ReadPolicy")
        .putObject("BucketName")
        .put("Ref", "EvidenceBucket");

    assertThat(TemplateChecks.policyScopeProblems(copy, POLICY_ALLOW_LIST))
        .containsExactly("PolicyFunction: policies name [EvidenceBucket] beyond its allow-list []");
  }

  @Test
  void a_policy_that_refs_the_bucket_of_its_own_s3_event_is_a_cycle() {
    // The known SAM trap: bucket -> notification -> permission -> function -> role -> bucket.
    ObjectNode copy = template.deepCopy();
    ArrayNode policies = (ArrayNode) copy.at("/Resources/EvidenceFunction/Properties/Policies");
    policies
        .addObject()
        .putObject("S3ReadPolicy")
        .putObject("BucketName")
        .put("Ref", "EvidenceBucket");

    assertThat(TemplateChecks.dependencyCycles(copy))
        .containsExactly("EvidenceBucket -> EvidenceFunction -> EvidenceBucket");
  }

  @Test
  void a_bucket_named_by_its_built_name_counts_as_named() {
    // EvidenceFunction names the bucket only through its built name (no !Ref: the S3
    // notification cycle); dropping those statements must be noticed.
    ObjectNode copy = template.deepCopy();
    for (JsonNode policy : copy.at("/Resources/EvidenceFunction/Properties/Policies")) {
      ArrayNode statements = (ArrayNode) policy.path("Statement");
      for (int i = statements.size() - 1; i >= 0; i--) {
        if (statements.get(i).path("Resource").toString().contains("s3:::")) {
          statements.remove(i);
        }
      }
    }

    assertThat(TemplateChecks.policyScopeProblems(copy, POLICY_ALLOW_LIST))
        .containsExactly("EvidenceFunction: policies do not name [EvidenceBucket] that it needs");
  }
}
