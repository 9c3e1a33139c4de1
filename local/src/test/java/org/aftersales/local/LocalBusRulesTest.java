package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

/**
 * The local bus's rules come from the template as EventBridge would apply them (MSG-4): a
 * function's {@code EventBridgeRule} event, an {@code AWS::Events::Rule} with a function or an API
 * destination target whose condition holds, with the target's retry policy; patterns match the
 * delivered event as EventBridge's do.
 */
class LocalBusRulesTest {

  private static final Path ROOT = Path.of(System.getProperty("aftersales.root", ".."));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SamTemplate inline(String yaml, Map<String, String> parameters) {
    return new SamTemplate(CloudFormationYaml.parse(yaml), Path.of("/repo"), parameters);
  }

  private static final String TEMPLATE =
      """
      Parameters:
        StoreWebhookUrl:
          Type: String
          Default: ''
      Conditions:
        HasStoreWebhook: !Not [!Equals [!Ref StoreWebhookUrl, '']]
      Resources:
        Bus:
          Type: AWS::Events::EventBus
          Properties: {Name: bus}
        Mailer:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: x.zip
            Handler: a.Mailer::handleRequest
            Events:
              Decisions:
                Type: EventBridgeRule
                Properties:
                  EventBusName: !Ref Bus
                  Pattern:
                    source: [aftersales]
                    detail-type: [OrderUnitsCancelled, RefundPastDue]
                  RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600}
        Hook:
          Type: AWS::Events::ApiDestination
          Condition: HasStoreWebhook
          Properties: {InvocationEndpoint: !Ref StoreWebhookUrl, HttpMethod: POST}
        HookRule:
          Type: AWS::Events::Rule
          Condition: HasStoreWebhook
          Properties:
            EventBusName: !Ref Bus
            EventPattern: {source: [aftersales]}
            Targets:
              - Id: hook
                Arn: !GetAtt Hook.Arn
                RetryPolicy: {MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400}
      """;

  private static JsonNode event(String type, String orderId) throws Exception {
    return JSON.readTree(
        "{\"version\":\"0\",\"source\":\"aftersales\",\"detail-type\":\""
            + type
            + "\",\"detail\":{\"orderId\":\""
            + orderId
            + "\",\"subject\":{\"kind\":\"REFUND\"}}}");
  }

  @Test
  void MSG_4_a_functions_rule_and_the_webhook_rule_come_from_the_template() {
    SamTemplate withHook = inline(TEMPLATE, Map.of("StoreWebhookUrl", "https://shop.example/hook"));
    SamTemplate without = inline(TEMPLATE, Map.of());

    assertThat(withHook.rules())
        .extracting(RuleDefinition::functionId)
        .containsExactly("Mailer", null);
    RuleDefinition mailer = withHook.rules().getFirst();
    assertThat(mailer.maxRetryAttempts()).isEqualTo(3);
    assertThat(mailer.maxEventAge()).hasSeconds(600);
    assertThat(withHook.rules().get(1).toWebhook()).isTrue();
    assertThat(without.rules()).as("the webhook's condition is false").hasSize(1);
  }

  @Test
  void MSG_4_patterns_match_as_eventbridge_matches() throws Exception {
    RuleDefinition mailer = inline(TEMPLATE, Map.of()).rules().getFirst();

    assertThat(mailer.matches(event("OrderUnitsCancelled", "o-1"))).isTrue();
    assertThat(mailer.matches(event("ChangeApplied", "o-1"))).isFalse();
    assertThat(
            EventPatterns.matches(
                JSON.readTree(
                    "{\"detail\":{\"orderId\":[{\"prefix\":\"o-\"}],\"subject\":{\"kind\":[{\"anything-but\":\"CLAIM\"}]},\"email\":[{\"exists\":false}]}}"),
                event("RefundGranted", "o-7")))
        .isTrue();
    assertThat(
            EventPatterns.matches(
                JSON.readTree("{\"detail\":{\"orderId\":[{\"prefix\":\"x-\"}]}}"),
                event("RefundGranted", "o-7")))
        .isFalse();
  }

  @Test
  void the_project_template_has_the_publisher_on_a_schedule_and_no_stream_locally() {
    SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

    FunctionDefinition publisher = template.function("EventPublisherFunction");
    assertThat(publisher.schedules())
        .extracting(ScheduleDefinition::expression)
        .containsExactly("rate(1 minute)");
    assertThat(template.rules()).as("no webhook by default").noneMatch(RuleDefinition::toWebhook);
  }
}
