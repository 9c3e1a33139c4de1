package org.aftersales.emails;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.EventFunction;
import org.aftersales.shared.observability.JsonLog;

/**
 * {@code EmailFunction}, triggered by an EventBridge rule on the stack's bus for the
 * customer-facing event types (source {@code aftersales}, {@code detail-type} = the event's type):
 * emails the customer once per event id in the order's language ({@link SendEventEmail}; MSG-3,
 * MSG-5). Configuration: {@code EMAIL_SENDER} (the From address, an identity SES may send from),
 * {@code PAGES_ORIGIN} (where the customer page lives; the link of each email), {@code TABLE_NAME}.
 * Returns {@code {"eventId", "type", "outcome", "attempts", "language"}}; logs the same, never the
 * address; EMF metric {@code EmailsSent} / {@code EmailsFailed}. Side effects: the event's EMAIL
 * item, one email.
 */
public final class EmailHandler extends EventFunction {

  private final SendEventEmail emails;

  public EmailHandler() {
    this(production(System.getenv()), JsonLog.fromEnvironment(), EmfMetrics.fromEnvironment());
  }

  EmailHandler(SendEventEmail emails, JsonLog log, EmfMetrics metrics) {
    super("EventBridge", log, metrics);
    this.emails = emails;
  }

  /** The production wiring: the JVM's DynamoDB client, SES v2 and the configuration variables. */
  static SendEventEmail production(Map<String, String> env) {
    DynamoDbEmailLedger ledger =
        new DynamoDbEmailLedger(
            AwsClients.shared().dynamoDb(), ResourceNames.fromEnvironment().tableName());
    SesEmailSender sender =
        new SesEmailSender(
            SesEmailSender.client(AwsSettings.fromEnvironment(), SesEmailSender.endpoint(env)),
            required(env, "EMAIL_SENDER"));
    return new SendEventEmail(
        ledger,
        ledger,
        sender,
        EmailTemplates.forStore(required(env, "PAGES_ORIGIN")),
        Clock.systemUTC(),
        duration -> Thread.sleep(duration));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set");
    }
    return value.strip();
  }

  @Override
  protected ObjectNode handle(JsonNode event, Context context) {
    CustomerEvent customerEvent = CustomerEvent.of(event);
    SendEventEmail.Result result = emails.send(customerEvent);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventId", customerEvent.eventId());
    fields.put("type", customerEvent.type());
    fields.put("orderId", customerEvent.orderId());
    fields.put("outcome", result.outcome().name());
    fields.put("attempts", result.attempts());
    fields.put("language", result.language());
    switch (result.outcome()) {
      case SENT -> metrics.put("EmailsSent", 1, EmfMetrics.Unit.COUNT);
      case FAILED, INTERRUPTED -> metrics.put("EmailsFailed", 1, EmfMetrics.Unit.COUNT);
      default -> {}
    }
    if (result.outcome() == SendEventEmail.Outcome.FAILED
        || result.outcome() == SendEventEmail.Outcome.INTERRUPTED) {
      log.warn("MSG-3: the email was not sent", fields);
    } else {
      log.info("MSG-3: " + result.outcome().name().toLowerCase(java.util.Locale.ROOT), fields);
    }
    ObjectNode out = Json.object();
    out.put("eventId", customerEvent.eventId());
    out.put("type", customerEvent.type());
    out.put("outcome", result.outcome().name());
    out.put("attempts", result.attempts());
    out.put("language", result.language());
    return out;
  }
}
