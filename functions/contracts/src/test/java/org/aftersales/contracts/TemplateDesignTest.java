package org.aftersales.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.localaws.CloudFormationYaml;
import org.aftersales.shared.evidence.EvidenceKey;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the decisions of docs/design.md that the SAM schema can't see: the runtime
 * and environment every function gets from Globals, each function's package and triggers, its log
 * group, the evidence dead-letter queue and the GEN-5 alarm.
 */
class TemplateDesignTest {

  private final JsonNode template = CloudFormationYaml.read(ProjectFiles.template());
  private final JsonNode globals = template.at("/Globals/Function");

  @Test
  void every_function_runs_java_25_on_arm_with_snap_start() {
    assertThat(globals.path("Runtime").asText()).isEqualTo("java25");
    assertThat(globals.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
    assertThat(globals.path("MemorySize").asInt()).isEqualTo(1024);
    assertThat(globals.path("Tracing").asText()).isEqualTo("Active");
    assertThat(globals.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
    assertThat(globals.path("AutoPublishAlias").isTextual())
        .as("SnapStart needs published versions")
        .isTrue();
    assertThat(globals.at("/LoggingConfig/LogFormat").asText()).isEqualTo("JSON");
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              assertThat(function.path("Properties").has("Runtime"))
                  .as(id + " overrides the runtime")
                  .isFalse();
              assertThat(function.path("Properties").has("SnapStart"))
                  .as(id + " overrides SnapStart")
                  .isFalse();
            });
  }

  @Test
  void every_function_gets_the_environment_of_the_design() {
    JsonNode variables = globals.at("/Environment/Variables");

    assertThat(variables.path("TABLE_NAME").toString()).isEqualTo("{\"Ref\":\"AfterSalesTable\"}");
    // The bucket's own name expression: no Ref, so EvidenceFunction has no dependency cycle.
    assertThat(variables.path("EVIDENCE_BUCKET"))
        .isEqualTo(template.at("/Resources/EvidenceBucket/Properties/BucketName"));
    assertThat(variables.path("SERVICE_NAME").asText()).isEqualTo("aftersales");
    assertThat(variables.path("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo("aftersales");
    assertThat(variables.path("METRICS_NAMESPACE").asText()).isEqualTo("AfterSales");
    assertThat(variables.path("CLOCK_SKEW_ALLOWANCE").asText()).isEqualTo("PT5M");
    assertThat(variables.path("JAVA_TOOL_OPTIONS").asText()).contains("-XX:TieredStopAtLevel=1");
    assertThat(variables.has("AWS_ENDPOINT_URL_DYNAMODB")).as("set by tests only").isFalse();
  }

  @Test
  void every_function_ships_the_zip_of_the_module_of_its_handler() {
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              String handler = TemplateChecks.handler(template, function);
              String module =
                  handler.split("\\.")[2]; // org.aftersales.<module>.XHandler::handleRequest
              assertThat(function.at("/Properties/CodeUri").asText())
                  .as(id)
                  .isEqualTo("functions/" + module + "/target/" + module + "-lambda.zip");
            });
  }

  @Test
  void every_function_has_its_log_group_with_the_retention_parameter() {
    List<String> logGroups = new ArrayList<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            resource -> {
              if (resource.getValue().path("Type").asText().equals("AWS::Logs::LogGroup")) {
                logGroups.add(resource.getValue().at("/Properties/LogGroupName/Fn::Sub").asText());
                assertThat(resource.getValue().at("/Properties/RetentionInDays/Ref").asText())
                    .isEqualTo("LogRetentionDays");
              }
            });
    TemplateChecks.functions(template)
        .keySet()
        .forEach(id -> assertThat(logGroups).as(id).contains("/aws/lambda/${" + id + "}"));
    assertThat(template.at("/Parameters/LogRetentionDays/Default").asInt()).isEqualTo(30);
  }

  @Test
  void scheduled_functions_run_at_the_rates_of_the_design() {
    assertThat(schedules("AutoCancelFunction")).containsExactly("rate(15 minutes)"); // CAN-6
    assertThat(schedules("RefundBreachFunction")).containsExactly("rate(1 hour)"); // GEN-5
    assertThat(schedules("ReturnExpiryFunction")).containsExactly("rate(1 hour)"); // RET-9
    assertThat(schedules("ClaimExpiryFunction")).containsExactly("rate(1 hour)"); // DOA-7
    assertThat(schedules("EventPublisherFunction")).containsExactly("rate(1 minute)"); // MSG-2
  }

  @Test
  void
      evidence_function_is_triggered_by_uploads_under_claims_and_fails_into_the_dead_letter_queue() {
    JsonNode properties = template.at("/Resources/EvidenceFunction/Properties");
    JsonNode s3 = properties.at("/Events/EvidenceUploaded/Properties");

    assertThat(properties.at("/Events/EvidenceUploaded/Type").asText()).isEqualTo("S3");
    assertThat(s3.at("/Bucket/Ref").asText()).isEqualTo("EvidenceBucket");
    assertThat(s3.path("Events").asText()).isEqualTo("s3:ObjectCreated:*");
    assertThat(s3.at("/Filter/S3Key/Rules/0/Name").asText()).isEqualTo("prefix");
    assertThat(s3.at("/Filter/S3Key/Rules/0/Value").asText()).isEqualTo("claims/");
    JsonNode invoke = properties.path("EventInvokeConfig");
    assertThat(invoke.path("MaximumRetryAttempts").asInt()).isBetween(0, 2);
    assertThat(invoke.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
    assertThat(invoke.at("/DestinationConfig/OnFailure/Destination/Fn::GetAtt/0").asText())
        .isEqualTo("EvidenceDeadLetterQueue");
    assertThat(template.at("/Resources/EvidenceDeadLetterQueue/Type").asText())
        .isEqualTo("AWS::SQS::Queue");
  }

  /**
   * Accepted evidence is immutable: the evidence function keeps each accepted upload as a copy
   * under {@code accepted/}. Its role may write only there (CopyObject = GetObject on the upload +
   * PutObject on the copy), never under {@code claims/}, where a write would trigger it again;
   * uploads (the claims function's presigned PUTs) may write only under {@code claims/}, never over
   * an accepted copy.
   */
  @Test
  void accepted_evidence_is_written_only_where_no_upload_url_reaches_and_no_trigger_fires() {
    String trigger =
        template
            .at("/Resources/EvidenceFunction/Properties/Events/EvidenceUploaded/Properties")
            .at("/Filter/S3Key/Rules/0/Value")
            .asText();
    assertThat(EvidenceKey.ACCEPTED_PREFIX).doesNotStartWith(trigger);
    assertThat(EvidenceKey.PREFIX).isEqualTo(trigger);

    assertThat(s3Resources("EvidenceFunction", "s3:PutObject"))
        .containsExactly("/" + EvidenceKey.ACCEPTED_PREFIX + "*");
    assertThat(s3Resources("EvidenceFunction", "s3:GetObject"))
        .containsExactlyInAnyOrder(
            "/" + EvidenceKey.PREFIX + "*", "/" + EvidenceKey.ACCEPTED_PREFIX + "*");
    assertThat(s3Resources("EvidenceFunction", "s3:DeleteObject"))
        .containsExactlyInAnyOrder(
            "/" + EvidenceKey.PREFIX + "*", "/" + EvidenceKey.ACCEPTED_PREFIX + "*");
    assertThat(s3Resources("ClaimsFunction", "s3:PutObject"))
        .containsExactly("/" + EvidenceKey.PREFIX + "*");
    // the agents' download URLs read accepted copies only, never an upload that may change
    assertThat(s3Resources("ClaimsFunction", "s3:GetObject"))
        .containsExactly("/" + EvidenceKey.ACCEPTED_PREFIX + "*");
  }

  /** The object-key part (after the bucket) of each resource the function's {@code action} has. */
  private List<String> s3Resources(String function, String action) {
    List<String> keys = new ArrayList<>();
    for (JsonNode policy : template.at("/Resources/" + function + "/Properties/Policies")) {
      for (JsonNode statement : policy.path("Statement")) {
        JsonNode actions = statement.path("Action");
        boolean granted =
            actions.isArray()
                ? actions.valueStream().anyMatch(a -> a.asText().equals(action))
                : actions.asText().equals(action);
        if (!granted) {
          continue;
        }
        JsonNode resources = statement.path("Resource");
        for (JsonNode resource : resources.isArray() ? resources : List.of(resources)) {
          String arn = resource.path("Fn::Sub").asText(resource.asText());
          keys.add(arn.substring(arn.lastIndexOf("}/") + 1));
        }
      }
    }
    return keys;
  }

  @Test
  void refunds_past_due_are_alarmed_as_gen_5_requires() {
    JsonNode alarm = template.at("/Resources/RefundsPastDueAlarm/Properties");

    assertThat(alarm.path("Namespace").asText()).isEqualTo("AfterSales");
    assertThat(alarm.path("MetricName").asText()).isEqualTo("RefundsPastDue");
    assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.path("Threshold").asInt()).isZero();
    assertThat(
            template
                .at(
                    "/Resources/EvidenceDeadLetterQueueAlarm/Properties/Dimensions/0/Value/Fn::GetAtt/0")
                .asText())
        .isEqualTo("EvidenceDeadLetterQueue");
  }

  @Test
  void the_api_has_a_jwt_authorizer_by_default_and_access_logs() {
    JsonNode api = template.at("/Resources/AfterSalesHttpApi");
    JsonNode auth = api.at("/Properties/Auth");

    assertThat(api.path("Type").asText()).isEqualTo("AWS::Serverless::HttpApi");
    assertThat(auth.path("DefaultAuthorizer").asText()).isEqualTo("JwtAuthorizer");
    assertThat(auth.at("/Authorizers/JwtAuthorizer/JwtConfiguration/issuer/Ref").asText())
        .isEqualTo("JwtIssuer");
    assertThat(auth.at("/Authorizers/JwtAuthorizer/JwtConfiguration/audience/Ref").asText())
        .isEqualTo("JwtAudience");
    assertThat(api.at("/Properties/AccessLogSettings/DestinationArn/Fn::GetAtt/0").asText())
        .isEqualTo("HttpApiAccessLogGroup");
    TemplateChecks.functions(template)
        .forEach(
            (id, function) -> {
              for (JsonNode event : function.at("/Properties/Events")) {
                if (event.path("Type").asText().equals("HttpApi")) {
                  assertThat(event.at("/Properties/ApiId/Ref").asText())
                      .as(id + " routes on the one API")
                      .isEqualTo("AfterSalesHttpApi");
                }
              }
            });
  }

  /**
   * MSG-4: the store's webhook takes every event of the bus with EventBridge's retries, and what it
   * still refuses is kept in an alarmed dead-letter queue; the URL is https only.
   */
  @Test
  void MSG_4_the_store_webhook_gets_every_event_with_retries_and_a_dead_letter_queue() {
    String pattern = template.at("/Parameters/StoreWebhookUrl/AllowedPattern").asText();
    assertThat("https://shop.example/hooks/aftersales").matches(pattern);
    assertThat("").matches(pattern);
    assertThat("http://shop.example/hooks").doesNotMatch(pattern);
    JsonNode rule = template.at("/Resources/StoreWebhookRule/Properties");
    assertThat(rule.at("/EventBusName/Ref").asText()).isEqualTo("EventBus");
    assertThat(rule.at("/EventPattern/source/0").asText()).isEqualTo("aftersales");
    JsonNode target = rule.at("/Targets/0");
    assertThat(target.at("/Arn/Fn::GetAtt/0").asText()).isEqualTo("StoreWebhookDestination");
    assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isPositive();
    assertThat(target.at("/DeadLetterConfig/Arn/Fn::GetAtt/0").asText())
        .isEqualTo("StoreWebhookDeadLetterQueue");
    assertThat(
            template
                .at(
                    "/Resources/StoreWebhookDeadLetterQueueAlarm/Properties/Dimensions/0/Value/Fn::GetAtt/0")
                .asText())
        .isEqualTo("StoreWebhookDeadLetterQueue");
    assertThat(
            template
                .at("/Resources/StoreWebhookDestination/Properties/InvocationEndpoint/Ref")
                .asText())
        .isEqualTo("StoreWebhookUrl");
  }

  @Test
  void the_outputs_name_the_api_the_table_the_bucket_and_the_queue() {
    assertThat(iterableOfNames(template.path("Outputs")))
        .containsExactlyInAnyOrder(
            "ApiUrl",
            "TableName",
            "EvidenceBucketName",
            "EvidenceDeadLetterQueueUrl",
            "EventBusName");
  }

  private List<String> schedules(String functionId) {
    List<String> rates = new ArrayList<>();
    for (JsonNode event : template.at("/Resources/" + functionId + "/Properties/Events")) {
      if (event.path("Type").asText().equals("Schedule")) {
        rates.add(event.at("/Properties/Schedule").asText());
      }
    }
    return rates;
  }

  private static List<String> iterableOfNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
