package org.aftersales.emails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.order.Contact;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.store.dynamodb.Item;
import org.aftersales.shared.testing.Eventually;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link EmailHandler} on the sample EventBridge events of {@code events/EmailFunction/}, against
 * the local DynamoDB server and the real local SES v2 server (aws-ses-v2-local): the email arrives
 * in its inbox ({@code GET /store}) with the recipient, subject, facts and link; a second delivery
 * sends nothing; a refusal is retried, then FAILED on the EMAIL item; no address, no email; the
 * address never reaches the log.
 */
@ExtendWith(LocalAwsServers.class)
class EmailHandlerIT {

  static final Instant NOW = Instant.parse("2026-11-20T09:15:05Z");
  static final String ORIGIN = "http://127.0.0.1:3000";
  static final String SENDER = "care@kwoking.example";

  private final LocalAws aws;
  private final HttpClient http = HttpClient.newHttpClient();
  private LambdaRun lambda;
  private DynamoDbEmailLedger ledger;
  private final List<Duration> pauses = new ArrayList<>();
  private String orderId;
  private String address;

  EmailHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    lambda = new LambdaRun(Clock.fixed(NOW, ZoneOffset.UTC), "EmailFunction");
    ledger = new DynamoDbEmailLedger(aws.dynamoDb(), aws.tableName());
    orderId = aws.uniqueId("o");
    address = aws.uniqueId("kim") + "@example.com";
  }

  private EmailHandler handler(URI sesEndpoint, String sender) {
    SesEmailSender ses =
        new SesEmailSender(
            SesEmailSender.client(aws.clients().settings(), Optional.of(sesEndpoint)), sender);
    return new EmailHandler(
        new SendEventEmail(
            ledger,
            ledger,
            ses,
            EmailTemplates.forStore(ORIGIN),
            Clock.fixed(NOW, ZoneOffset.UTC),
            pauses::add),
        lambda.log,
        lambda.metrics);
  }

  private EmailHandler handler() {
    return handler(aws.sesEndpoint(), SENDER);
  }

  private void registerOrder(Contact contact) {
    OrderSpec spec =
        new OrderSpec(
            orderId,
            "c-1001",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            LocalDate.parse("2026-11-05"),
            List.of(
                new LineSpec(
                    "L1", "KW-HDMI-01", "HDMI switch", "electronics", 1, 2999, 0, 0, List.of())),
            0,
            0,
            2999,
            List.of(new ParcelSpec("P1", List.of(new ParcelLine("L1", 1)))),
            contact,
            Buyer.CONSUMER,
            "DE");
    assertThat(
            new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName())
                .create(Order.register(spec, "2026-06")))
        .isTrue();
  }

  /** A sample event for this test's order, under a fresh event id. */
  private ObjectNode event(String sample) {
    ObjectNode event = LambdaRun.event("EmailFunction", sample);
    ObjectNode detail = (ObjectNode) event.path("detail");
    detail.put("orderId", orderId);
    detail.put("eventId", aws.uniqueId("ev"));
    return event;
  }

  private static String eventId(ObjectNode event) {
    return event.path("detail").path("eventId").asText();
  }

  /** The emails the SES server holds for this test's address. */
  private List<JsonNode> inbox() {
    try {
      HttpResponse<String> store =
          http.send(
              HttpRequest.newBuilder(URI.create(aws.sesEndpoint() + "/store")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(store.statusCode()).isEqualTo(200);
      List<JsonNode> mine = new ArrayList<>();
      for (JsonNode email : Json.MAPPER.readTree(store.body()).path("emails")) {
        if (email.path("destination").path("to").toString().contains(address)) {
          mine.add(email);
        }
      }
      return mine;
    } catch (Exception e) {
      throw new AssertionError("cannot read the SES inbox", e);
    }
  }

  private Map<String, AttributeValue> emailItem(String eventId) {
    return aws.dynamoDb()
        .getItem(
            r ->
                r.tableName(aws.tableName())
                    .key(Item.key(DynamoDbEmailLedger.KIND, eventId))
                    .consistentRead(true))
        .item();
  }

  @Test
  void
      MSG_3_a_claim_asking_for_information_emails_the_agents_message_and_a_link_in_the_orders_language() {
    registerOrder(new Contact(address, "de"));
    ObjectNode event = event("claim-needs-info");

    JsonNode result = LambdaRun.raw(handler(), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("SENT");
    assertThat(result.path("language").asText()).isEqualTo("de");
    Eventually.until(
        "the email is in the SES inbox", Duration.ofSeconds(10), () -> inbox().size() == 1);
    JsonNode email = inbox().getFirst();
    assertThat(email.path("from").asText()).isEqualTo(SENDER);
    assertThat(email.path("destination").path("to").toString()).isEqualTo("[\"" + address + "\"]");
    assertThat(email.path("subject").asText())
        .isEqualTo(
            "Bestellung " + orderId + ": Wir benötigen weitere Informationen zu Ihrer Reklamation");
    String link = ORIGIN + "/app/#order=" + orderId + "&claim=cl-77";
    assertThat(email.path("body").path("text").asText())
        .contains("„Please send a photo of the serial number on the bottom of the device.“")
        .contains("Weitere Nachweise hochladen: " + link);
    assertThat(
            LambdaRun.eventFile("EmailFunction", "x")
                .getParent()
                .getParent()
                .getParent()
                .resolve("web/app/index.html"))
        .as("the link's page exists (web/app/, served at /app/)")
        .exists();

    Map<String, AttributeValue> item = emailItem(eventId(event));
    assertThat(item.get("emailStatus").s()).isEqualTo("SENT");
    assertThat(item.get("attempts").n()).isEqualTo("1");
    assertThat(item.get("gsi1pk").s()).isEqualTo("ORDER#" + orderId);
    assertThat(item.get("gsi1sk").s()).isEqualTo("EMAIL#" + eventId(event));
    assertThat(item.get("updatedAt").s()).isEqualTo(NOW.toString());
  }

  @Test
  void MSG_3_the_same_event_delivered_twice_sends_one_email() {
    registerOrder(new Contact(address, "en"));
    ObjectNode event = event("refund-past-due");
    EmailHandler handler = handler();

    assertThat(LambdaRun.raw(handler, event.toString()).path("outcome").asText()).isEqualTo("SENT");
    assertThat(LambdaRun.raw(handler, event.toString()).path("outcome").asText())
        .isEqualTo("ALREADY_HANDLED");

    Eventually.until(
        "the email is in the SES inbox", Duration.ofSeconds(10), () -> !inbox().isEmpty());
    assertThat(inbox()).hasSize(1);
    assertThat(inbox().getFirst().path("subject").asText()).contains("your refund is late");
    assertThat(inbox().getFirst().path("body").path("text").asText())
        .as("MSG-5: late, and when it was due")
        .contains("It was due by November 27, 2026");
    assertThat(emailItem(eventId(event)).get("attempts").n()).isEqualTo("1");
  }

  @Test
  void
      MSG_3_an_email_ses_refuses_is_retried_with_backoff_then_recorded_failed_without_the_address() {
    registerOrder(new Contact(address, "en"));
    ObjectNode event = event("refund-granted");

    JsonNode result = LambdaRun.raw(handler(aws.sesEndpoint(), ""), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(result.path("attempts").asInt()).isEqualTo(SendEventEmail.MAX_ATTEMPTS);
    assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    Map<String, AttributeValue> item = emailItem(eventId(event));
    assertThat(item.get("emailStatus").s()).isEqualTo("FAILED");
    assertThat(item.get("attempts").n()).isEqualTo("3");
    assertThat(item.get("lastError").s()).contains("Status Code: 400").doesNotContain(address);
    assertThat(inbox()).isEmpty();
  }

  @Test
  void MSG_3_ses_out_of_reach_is_retried_then_recorded_failed() {
    registerOrder(new Contact(address, "en"));
    ObjectNode event = event("refund-granted");
    URI nobody =
        URI.create("http://127.0.0.1:" + org.aftersales.localaws.LocalServers.freeLoopbackPort());

    JsonNode result = LambdaRun.raw(handler(nobody, SENDER), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("FAILED");
    Map<String, AttributeValue> item = emailItem(eventId(event));
    assertThat(item.get("emailStatus").s()).isEqualTo("FAILED");
    assertThat(item.get("attempts").n()).isEqualTo("3");
    assertThat(item.get("lastError").s()).isNotBlank().doesNotContain(address);
  }

  @Test
  void LAW_3_the_withdrawal_acknowledgement_goes_to_the_address_given_with_date_time_and_content() {
    registerOrder(new Contact(aws.uniqueId("contact") + "@example.com", "de"));
    ObjectNode event = event("withdrawal-received");
    ((ObjectNode) event.path("detail").path("data").path("withdrawal")).put("sentTo", address);

    JsonNode result = LambdaRun.raw(handler(), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("SENT");
    Eventually.until(
        "the acknowledgement is in the SES inbox",
        Duration.ofSeconds(10),
        () -> inbox().size() == 1);
    String text = inbox().getFirst().path("body").path("text").asText();
    assertThat(text)
        .as("Art. 11a: the date and time received, in the store's zone, and the content")
        .contains("am 18. November 2026, 17:40:00 MEZ bei uns eingegangen")
        .contains("Erika Mustermann withdraws from the contract of order o-1003");
    assertThat(emailItem(eventId(event)).get("emailStatus").s()).isEqualTo("SENT");
  }

  @Test
  void MSG_3_an_order_without_an_address_gets_no_email_and_nothing_is_written() {
    registerOrder(new Contact(null, "de"));
    ObjectNode event = event("claim-needs-info");

    JsonNode result = LambdaRun.raw(handler(), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("NO_ADDRESS");
    assertThat(emailItem(eventId(event))).isEmpty();

    orderId = aws.uniqueId("o");
    registerOrder(null);
    ObjectNode other = event("claim-needs-info");
    assertThat(LambdaRun.raw(handler(), other.toString()).path("outcome").asText())
        .isEqualTo("NO_ADDRESS");
    assertThat(emailItem(eventId(other))).isEmpty();
  }

  @Test
  void MSG_3_a_delivery_interrupted_while_sending_is_recorded_failed_and_not_sent_again() {
    registerOrder(new Contact(address, "en"));
    ObjectNode event = event("refund-granted");
    Instant crashed = NOW.minus(SendEventEmail.LEASE).minusSeconds(1);
    ledger.claim(eventId(event), orderId, "RefundGranted", crashed);
    ledger.attempt(eventId(event), 1, crashed);

    JsonNode result = LambdaRun.raw(handler(), event.toString());

    assertThat(result.path("outcome").asText()).isEqualTo("INTERRUPTED");
    Map<String, AttributeValue> item = emailItem(eventId(event));
    assertThat(item.get("emailStatus").s()).isEqualTo("FAILED");
    assertThat(item.get("lastError").s()).contains("not known");
    assertThat(inbox()).isEmpty();

    ObjectNode recent = event("refund-settled");
    ledger.claim(eventId(recent), orderId, "RefundSettled", NOW.minusSeconds(5));
    assertThat(LambdaRun.raw(handler(), recent.toString()).path("outcome").asText())
        .as("a delivery still within its lease is left to it")
        .isEqualTo("ALREADY_HANDLED");
    assertThat(emailItem(eventId(recent)).get("emailStatus").s()).isEqualTo("SENDING");
  }

  @Test
  void MSG_3_the_address_never_appears_in_the_logs() {
    registerOrder(new Contact(address, "en"));
    EmailHandler handler = handler();

    LambdaRun.raw(handler, event("claim-decided").toString());
    LambdaRun.raw(handler, event("return-authorized").toString());
    LambdaRun.raw(handler(aws.sesEndpoint(), ""), event("refund-granted").toString());

    String logs = String.join("\n", lambda.stdoutLines());
    assertThat(logs).contains("MSG-3").contains(orderId).doesNotContain(address);
    assertThat(logs.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain(address.toLowerCase(java.util.Locale.ROOT));
    Eventually.until(
        "both emails are in the SES inbox", Duration.ofSeconds(10), () -> inbox().size() == 2);
  }

  @Test
  void a_type_the_customer_is_not_told_about_sends_nothing() {
    registerOrder(new Contact(address, "en"));
    ObjectNode event = event("refund-granted");
    ((ObjectNode) event.path("detail")).put("type", "SomethingInternal");

    assertThat(LambdaRun.raw(handler(), event.toString()).path("outcome").asText())
        .isEqualTo("NOT_CUSTOMER_FACING");
    assertThat(emailItem(eventId(event))).isEmpty();
  }
}
