package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withBody;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderSpec;
import org.aftersales.policy.order.ParcelLine;
import org.aftersales.policy.order.ParcelSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.testing.CountedCalls;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The EU withdrawal (LAW-1…LAW-3) through the returns function, with the event samples of {@code
 * events/ReturnsFunction/} against the local DynamoDB server.
 */
@ExtendWith(LocalAwsServers.class)
class WithdrawalsIT {

  private final ReturnsApi api;

  WithdrawalsIT(LocalAws aws) {
    this.api = new ReturnsApi(aws);
  }

  /**
   * Three HDMI switches of customer c-1 for delivery to {@code country}: P1 (2 units) delivered on
   * 10 Nov, P2 (1 unit) on 12 Nov; delivery 4.99.
   */
  private String threeUnitOrder(Buyer buyer, String country) {
    String orderId =
        registered(
            List.of(
                new LineSpec(
                    "L1", "KW-HDMI-01", "HDMI switch", "electronics", 3, 2999, 0, 0, List.of())),
            3 * 2999 + 499,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 2))),
                new ParcelSpec("P2", List.of(new ParcelLine("L1", 1)))),
            buyer,
            country);
    deliver(orderId, "P1", "2026-11-10T09:00:00Z");
    deliver(orderId, "P2", "2026-11-12T09:00:00Z");
    return orderId;
  }

  /** A new order of customer c-1 in EUR with delivery 4.99, placed on 2 Nov; its id. */
  private String registered(
      List<LineSpec> lines, long paid, List<ParcelSpec> parcels, Buyer buyer, String country) {
    String orderId = api.aws.uniqueId("o");
    OrderSpec spec =
        new OrderSpec(
            orderId,
            "c-1",
            Currency.getInstance("EUR"),
            Instant.parse("2026-11-02T10:00:00Z"),
            java.time.LocalDate.parse("2026-11-05"),
            lines,
            0,
            499,
            paid,
            parcels,
            null,
            buyer,
            country);
    assertThat(api.orders.create(Order.register(spec, "2026-06"))).isTrue();
    return orderId;
  }

  private void deliver(String orderId, String parcel, String at) {
    Order current = api.order(orderId);
    api.orders.replace(
        current
            .recordFulfilment(
                parcel, new FulfilmentEvent(FulfilmentType.DELIVERED, Instant.parse(at), null))
            .value()
            .order());
  }

  /** The customer's sample with another body, under a fresh key. */
  private LambdaRun.Response withdrawWith(String orderId, String body) {
    return api.invoke(
        withKey(
            withBody(forOrder(event("withdraw-from-contract-customer"), orderId), body),
            api.aws.uniqueId("k")));
  }

  private LambdaRun.Response withdraw(String orderId, String key) {
    return api.invoke(withKey(forOrder(event("withdraw-from-contract-customer"), orderId), key));
  }

  @Test
  void LAW_3_a_German_customer_withdraws_from_two_of_three_units_and_is_refunded_with_delivery()
      throws Exception {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));

    LambdaRun.Response created = withdraw(orderId, api.aws.uniqueId("k"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode w = created.body();
    String id = w.get("withdrawalId").asText();
    assertThat(id).startsWith("wd-");
    assertThat(w.get("returnId").asText()).isEqualTo(id);
    assertThat(w.get("receivedAt").asText()).isEqualTo("2026-11-20T09:15:02Z");
    assertThat(w.at("/units/0/quantity").asInt()).isEqualTo(2);
    assertThat(w.at("/acknowledgement/sentTo").asText()).isEqualTo("erika@example.de");
    assertThat(w.at("/acknowledgement/sentAt").isNull()).isTrue();
    assertThat(w.at("/acknowledgement/recordUrl").asText()).isEqualTo("/withdrawals/" + id);
    assertThat(w.at("/acknowledgement/record/statement").asText())
        .contains("Erika Mustermann")
        .contains("2 × HDMI switch");
    assertThat(w.at("/return/kind").asText()).isEqualTo("WITHDRAWAL");
    Order withdrawn = api.order(orderId);
    UnitRef first = new UnitRef("L1", 0);
    UnitRef second = new UnitRef("L1", 1);
    long expected =
        withdrawn.pricing().paidPrice(first).amount()
            + withdrawn.pricing().deliveryShare(first).amount()
            + withdrawn.pricing().paidPrice(second).amount()
            + withdrawn.pricing().deliveryShare(second).amount();
    assertThat(w.at("/refundEstimate/amount").asLong()).isEqualTo(expected);
    assertThat(withdrawn.statusOf(first)).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(withdrawn.statusOf(new UnitRef("L1", 2))).isEqualTo(UnitStatus.ACTIVE);

    // MSG-1, LAW-3: WithdrawalReceived was recorded in the write that took the units, with the
    // content and the date and time received for the emailer's acknowledgement
    List<JsonNode> announced = api.pending(orderId, "WithdrawalReceived");
    assertThat(announced).hasSize(1);
    JsonNode event = announced.getFirst();
    assertThat(event.at("/subject/id").asText()).isEqualTo(id);
    assertThat(event.at("/data/withdrawal/orderId").asText()).isEqualTo(orderId);
    assertThat(event.at("/data/withdrawal/recordUrl").asText()).isEqualTo("/withdrawals/" + id);
    assertThat(event.at("/data/withdrawal/receivedAt").asText()).isEqualTo("2026-11-20T09:15:02Z");
    assertThat(event.at("/data/withdrawal/statement").asText())
        .isEqualTo(w.at("/acknowledgement/record/statement").asText());
    assertThat(event.at("/data/withdrawal/refundEstimate/amount").asLong()).isEqualTo(expected);
    assertThat(event.at("/data/withdrawal/sentTo").asText())
        .as("the acknowledgement goes to the address given with the withdrawal")
        .isEqualTo("erika@example.de");

    // the record reads back unchanged, days later
    api.clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    LambdaRun.Response read =
        api.invoke(
            LambdaRun.withPathParameter(event("get-withdrawal-customer"), "withdrawalId", id));
    assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
    assertThat(read.body().at("/acknowledgement/record"))
        .isEqualTo(w.at("/acknowledgement/record"));
    assertThat(read.body().get("receivedAt")).isEqualTo(w.get("receivedAt"));

    // the warehouse receives the units: no condition test, the refund includes the delivery share
    LambdaRun.Response received =
        api.invoke(
            withKey(
                withBody(
                    forReturn(event("receipt-warehouse"), id),
                    "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"},"
                        + " {\"lineId\": \"L1\", \"condition\": \"MINT\"}]}"),
                api.aws.uniqueId("rk")));
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    assertThat(received.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(received.body().at("/refund/amount/amount").asLong()).isEqualTo(expected);
    assertThat(received.body().at("/refund/source").asText()).isEqualTo("WITHDRAWAL");
    assertThat(received.body().at("/refund/dueBy").asText()).isEqualTo("2026-12-04");
    assertThat(api.order(orderId).statusOf(second)).isEqualTo(UnitStatus.RETURNED);
    // MSG-1: the receipt's write announced ReturnReceived with the withdrawal's refund, once
    List<JsonNode> receivedEvents = api.pending(orderId, "ReturnReceived");
    assertThat(receivedEvents).hasSize(1);
    assertThat(receivedEvents.getFirst().at("/data/refund"))
        .isEqualTo(received.body().get("refund"));
    assertThat(receivedEvents.getFirst().at("/subject/id").asText()).isEqualTo(id);
    assertThat(api.order(orderId).refundedTotal().amount()).isEqualTo(expected);

    // the same units again: already withdrawn, nothing stored
    LambdaRun.Response again = withdraw(orderId, api.aws.uniqueId("k"));
    assertThat(again.status()).as(again.body().toString()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("already-withdrawn");
  }

  /** GET /withdrawals/{id} as the customer, through {@code handler}. */
  private LambdaRun.Response read(ReturnsHandler handler, String id) {
    return ReturnsApi.invoke(
        handler, LambdaRun.withPathParameter(event("get-withdrawal-customer"), "withdrawalId", id));
  }

  /** The EMAIL item of the withdrawal's event as the emailer writes it (DynamoDbEmailLedger). */
  private void emailerRecords(String withdrawalId, String orderId, String status, Instant at) {
    String eventId = Acknowledgement.eventId(withdrawalId);
    api.aws
        .dynamoDb()
        .putItem(
            put ->
                put.tableName(api.aws.tableName())
                    .item(
                        java.util.Map.of(
                            "pk", AttributeValue.fromS("EMAIL#" + eventId),
                            "sk", AttributeValue.fromS("EMAIL"),
                            "type", AttributeValue.fromS("EMAIL"),
                            "eventId", AttributeValue.fromS(eventId),
                            "orderId", AttributeValue.fromS(orderId),
                            "eventType", AttributeValue.fromS("WithdrawalReceived"),
                            "emailStatus", AttributeValue.fromS(status),
                            "attempts", AttributeValue.fromN("1"),
                            "updatedAt", AttributeValue.fromS(at.toString()))));
  }

  @Test
  void LAW_3_the_acknowledgement_says_when_its_email_was_sent_and_a_read_writes_nothing() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response created = withdraw(orderId, api.aws.uniqueId("k"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("withdrawalId").asText();
    assertThat(created.body().at("/acknowledgement/status").asText()).isEqualTo("PENDING");
    assertThat(created.body().at("/acknowledgement/sentAt").isNull()).isTrue();

    CountedCalls calls = new CountedCalls();
    ReturnsHandler counted = api.handler(calls.client(api.aws));
    LambdaRun.Response pending = read(counted, id);
    assertThat(pending.status()).as(pending.body().toString()).isEqualTo(200);
    assertThat(pending.body().at("/acknowledgement/status").asText()).isEqualTo("PENDING");
    assertThat(pending.body().at("/acknowledgement/sentAt").isNull()).isTrue();
    assertThat(calls.take())
        .as("a GET reads the record, the return, the order and the email's state; writes nothing")
        .doesNotContain("PutItem", "UpdateItem", "DeleteItem")
        .contains("GetItem");

    emailerRecords(id, orderId, "SENDING", Instant.parse("2026-11-20T09:15:04Z"));
    assertThat(read(counted, id).body().at("/acknowledgement/status").asText())
        .isEqualTo("PENDING");

    Instant sent = Instant.parse("2026-11-20T09:15:05.120Z");
    emailerRecords(id, orderId, "SENT", sent);
    LambdaRun.Response done = read(counted, id);
    assertThat(done.body().at("/acknowledgement/status").asText()).isEqualTo("SENT");
    assertThat(done.body().at("/acknowledgement/sentAt").asText()).isEqualTo(sent.toString());
    assertThat(done.body().at("/acknowledgement/sentTo").asText()).isEqualTo("erika@example.de");
    assertThat(done.body().at("/acknowledgement/record"))
        .isEqualTo(created.body().at("/acknowledgement/record"));
    assertThat(calls.take()).doesNotContain("PutItem", "UpdateItem", "DeleteItem");

    emailerRecords(id, orderId, "FAILED", Instant.parse("2026-11-20T09:16:00Z"));
    LambdaRun.Response failed = read(counted, id);
    assertThat(failed.body().at("/acknowledgement/status").asText()).isEqualTo("FAILED");
    assertThat(failed.body().at("/acknowledgement/sentAt").isNull()).isTrue();
  }

  @Test
  void LAW_3_without_an_address_anywhere_the_stored_record_is_the_acknowledgement() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE"); // registered without a contact
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response created = withdrawWith(orderId, "{\"name\": \"Erika Mustermann\"}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("withdrawalId").asText();
    for (JsonNode shown : List.of(created.body(), read(api.handler(), id).body())) {
      assertThat(shown.at("/acknowledgement/status").asText()).isEqualTo("NO_ADDRESS");
      assertThat(shown.at("/acknowledgement/sentTo").isNull()).isTrue();
      assertThat(shown.at("/acknowledgement/sentAt").isNull()).isTrue();
    }
  }

  @Test
  void LAW_3_the_record_is_kept_once_in_the_evidence_bucket_as_the_api_shows_it() throws Exception {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    String key = api.aws.uniqueId("k");
    LambdaRun.Response created = withdraw(orderId, key);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("withdrawalId").asText();

    byte[] copy = api.recordCopy(id).orElseThrow();
    JsonNode record = read(api.handler(), id).body().at("/acknowledgement/record");
    assertThat(org.aftersales.shared.json.Json.MAPPER.readTree(copy)).isEqualTo(record);

    // the same request again (a retry): the same withdrawal, the copy as it was
    api.clock.set(Instant.parse("2026-11-20T09:20:00Z"));
    LambdaRun.Response again = withdraw(orderId, key);
    assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
    assertThat(again.body().get("withdrawalId").asText()).isEqualTo(id);
    assertThat(api.recordCopy(id).orElseThrow()).isEqualTo(copy);
  }

  @Test
  void
      LAW_3_when_the_bucket_fails_the_withdrawal_stands_and_the_retry_with_its_key_keeps_the_copy() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    String key = api.aws.uniqueId("k");
    EvidenceStore unreachable =
        (EvidenceStore)
            java.lang.reflect.Proxy.newProxyInstance(
                EvidenceStore.class.getClassLoader(),
                new Class<?>[] {EvidenceStore.class},
                (proxy, method, args) -> {
                  throw SdkClientException.create("S3 did not answer (test)");
                });

    LambdaRun.Response failed =
        LambdaRun.withoutContract()
            .invoke(
                api.handler(unreachable),
                withKey(forOrder(event("withdraw-from-contract-customer"), orderId), key));
    assertThat(failed.status()).as(failed.body().toString()).isEqualTo(503);
    assertThat(failed.code()).isEqualTo("dependency-unavailable");
    Order decided = api.order(orderId);
    assertThat(decided.statusOf(new UnitRef("L1", 0)))
        .as("the decision was written first and stands")
        .isEqualTo(UnitStatus.RETURN_OPEN);
    String id = decided.heldBy(new UnitRef("L1", 0)).orElseThrow();
    assertThat(api.returns.findWithdrawal(id)).isPresent();
    assertThat(api.recordCopy(id)).isEmpty();

    LambdaRun.Response retried = withdraw(orderId, key);
    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().get("withdrawalId").asText()).isEqualTo(id);
    assertThat(api.recordCopy(id)).isPresent();
    assertThat(api.order(orderId).statusOf(new UnitRef("L1", 2)))
        .as("the retry took no more units")
        .isEqualTo(UnitStatus.ACTIVE);
  }

  /** The warehouse's receipt of return {@code id} with {@code body}, under a fresh key. */
  private LambdaRun.Response receive(String id, String body) {
    return api.invoke(
        withKey(withBody(forReturn(event("receipt-warehouse"), id), body), api.aws.uniqueId("rk")));
  }

  @Test
  void LAW_2_the_receipt_takes_a_stated_deduction_never_above_the_paid_price() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    String id = withdraw(orderId, api.aws.uniqueId("k")).body().get("withdrawalId").asText();
    Order order = api.order(orderId);
    UnitRef first = new UnitRef("L1", 0);
    UnitRef second = new UnitRef("L1", 1);
    long paid = order.pricing().paidPrice(second).amount();
    long expected =
        paid
            + order.pricing().deliveryShare(second).amount()
            + order.pricing().paidPrice(first).amount()
            + order.pricing().deliveryShare(first).amount();

    // bad shapes: 400 naming each field, nothing changes
    LambdaRun.Response bad =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\", \"deduction\":"
                + " {\"amount\": -1}}, {\"lineId\": \"L1\", \"condition\": \"MINT\","
                + " \"deduction\": {\"amount\": 1.5, \"reason\": \"scratched\"}}]}");
    assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
    assertThat(bad.body().get("errors").toString())
        .contains("units[0].deduction.amount")
        .contains("units[0].deduction.reason")
        .contains("units[1].deduction.amount");

    // above the paid price: 422 naming the field, nothing changes
    LambdaRun.Response above =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"}, {\"lineId\": \"L1\","
                + " \"condition\": \"NOT_MINT\", \"deduction\": {\"amount\": "
                + (paid + 1)
                + ", \"reason\": \"case cracked\"}}]}");
    assertThat(above.status()).as(above.body().toString()).isEqualTo(422);
    assertThat(above.code()).isEqualTo("deduction-above-paid-price");
    assertThat(above.body().get("ruleIds").toString()).contains("LAW-2");
    assertThat(above.body().get("errors").toString()).contains("units[1].deduction.amount");
    assertThat(api.returns.find(id).orElseThrow().state().status().name()).isEqualTo("AUTHORIZED");
    assertThat(api.order(orderId).refundedTotal().amount()).isZero();

    // a stated deduction: the refund is the paid price and delivery, less it, with its reason
    LambdaRun.Response received =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"}, {\"lineId\": \"L1\","
                + " \"condition\": \"NOT_MINT\", \"deduction\": {\"amount\": 500,"
                + " \"reason\": \"case scratched beyond trying it\"}}]}");
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    assertThat(received.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(received.body().at("/refund/amount/amount").asLong()).isEqualTo(expected - 500);
    assertThat(received.body().at("/refund/breakdown/lines").toString())
        .contains("Diminished value of HDMI switch: case scratched beyond trying it")
        .contains("-500")
        .contains("LAW-2");
    assertThat(received.body().get("explanation").toString())
        .contains("LAW-2")
        .contains("Art. 14(2)");
    assertThat(api.order(orderId).refundedTotal().amount()).isEqualTo(expected - 500);
  }

  /**
   * A German consumer's order: L1 2 × boxed software (Art. 16(i) once unsealed) at 20.00, L2 1 ×
   * HDMI switch at 29.99, delivery 4.99, one parcel delivered on 10 Nov.
   */
  private String sealedGoodsOrder() {
    String orderId =
        registered(
            List.of(
                new LineSpec(
                    "L1", "SW-BOX", "Photo editor (boxed)", "software", 2, 2000, 0, 0, List.of()),
                new LineSpec(
                    "L2", "KW-HDMI-01", "HDMI switch", "electronics", 1, 2999, 0, 0, List.of())),
            2 * 2000 + 2999 + 499,
            List.of(
                new ParcelSpec("P1", List.of(new ParcelLine("L1", 2), new ParcelLine("L2", 1)))),
            Buyer.CONSUMER,
            "DE");
    deliver(orderId, "P1", "2026-11-10T09:00:00Z");
    return orderId;
  }

  @Test
  void LAW_1_a_sealed_category_unit_received_unsealed_is_not_refunded_and_the_seal_is_required() {
    String orderId = sealedGoodsOrder();
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response created = withdrawWith(orderId, "{\"name\": \"Erika Mustermann\"}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("withdrawalId").asText();

    // the seal missing for a software unit, and stated for the HDMI switch: 400 naming each
    // field, nothing stored
    LambdaRun.Response bad =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"},"
                + " {\"lineId\": \"L1\", \"condition\": \"MINT\", \"sealed\": \"no\"},"
                + " {\"lineId\": \"L2\", \"condition\": \"MINT\", \"sealed\": true}]}");
    assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
    assertThat(bad.body().get("errors").toString()).contains("units[1].sealed");
    LambdaRun.Response missing =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\"},"
                + " {\"lineId\": \"L1\", \"condition\": \"MINT\", \"sealed\": true},"
                + " {\"lineId\": \"L2\", \"condition\": \"MINT\", \"sealed\": true}]}");
    assertThat(missing.status()).as(missing.body().toString()).isEqualTo(400);
    assertThat(missing.body().get("errors").toString())
        .contains("units[0].sealed")
        .contains("Art. 16(i)")
        .contains("units[2].sealed")
        .doesNotContain("units[1].sealed");
    assertThat(api.returns.find(id).orElseThrow().state().status().name()).isEqualTo("AUTHORIZED");
    assertThat(api.returns.find(id).orElseThrow().receipt()).isNull();
    assertThat(api.order(orderId).refundedTotal().amount()).isZero();

    // one software unit came back unsealed: it is not refunded and stays the customer's; the
    // other units are refunded with their own delivery shares only
    Order order = api.order(orderId);
    UnitRef unsealed = new UnitRef("L1", 0);
    UnitRef sealed = new UnitRef("L1", 1);
    UnitRef hdmi = new UnitRef("L2", 0);
    long expected =
        order.pricing().paidPrice(sealed).amount()
            + order.pricing().deliveryShare(sealed).amount()
            + order.pricing().paidPrice(hdmi).amount()
            + order.pricing().deliveryShare(hdmi).amount();
    LambdaRun.Response received =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\", \"sealed\": false},"
                + " {\"lineId\": \"L1\", \"condition\": \"MINT\", \"sealed\": true},"
                + " {\"lineId\": \"L2\", \"condition\": \"MINT\"}]}");
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    assertThat(received.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(received.body().at("/refund/amount/amount").asLong())
        .isEqualTo(expected)
        .isLessThan(2 * 2000 + 2999 + 499);
    assertThat(received.body().get("explanation").toString())
        .contains("LAW-1")
        .contains("came back unsealed")
        .contains("Art. 16(i)")
        .contains("not refunded");
    assertThat(received.body().at("/receipt/units/0/sealed").asBoolean()).isFalse();
    assertThat(received.body().at("/receipt/units/1/sealed").asBoolean()).isTrue();
    assertThat(received.body().at("/receipt/units/2/sealed").isMissingNode()).isTrue();
    Order after = api.order(orderId);
    assertThat(after.statusOf(unsealed)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(after.statusOf(sealed)).isEqualTo(UnitStatus.RETURNED);
    assertThat(after.refundedTotal().amount()).isEqualTo(expected);
  }

  @Test
  void LAW_2_LAW_1_a_deduction_or_a_seal_on_the_stores_own_return_is_refused_naming_each_field() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "US");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response returned = askToReturn(orderId);
    assertThat(returned.status()).as(returned.body().toString()).isEqualTo(201);
    String id = returned.body().get("returnId").asText();
    LambdaRun.Response refused =
        receive(
            id,
            "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"MINT\", \"deduction\":"
                + " {\"amount\": 100, \"reason\": \"scuffed\"}, \"sealed\": true}]}");
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
    assertThat(refused.body().get("errors").toString())
        .contains("units[0].deduction")
        .contains("units[0].sealed");
    assertThat(api.returns.find(id).orElseThrow().state().status().name()).isEqualTo("AUTHORIZED");
  }

  @Test
  void LAW_2_proof_of_sending_grants_the_waiting_refund_once() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    String id = withdraw(orderId, api.aws.uniqueId("k")).body().get("withdrawalId").asText();
    api.clock.set(Instant.parse("2026-11-21T09:00:00Z"));
    LambdaRun.Response proof =
        api.invoke(withKey(forReturn(event("proof-of-sending-customer"), id), "p-" + id));
    assertThat(proof.status()).as(proof.body().toString()).isEqualTo(200);
    assertThat(proof.body().get("status").asText()).isEqualTo("AUTHORIZED");
    long refunded = proof.body().at("/refund/amount/amount").asLong();
    assertThat(refunded).isPositive();
    LambdaRun.Response second =
        api.invoke(withKey(forReturn(event("proof-of-sending-customer"), id), "p2-" + id));
    assertThat(second.status()).isEqualTo(200);
    assertThat(api.order(orderId).refundedTotal().amount()).isEqualTo(refunded);
  }

  @Test
  void LAW_1_on_the_15th_day_in_the_store_zone_the_withdrawal_is_refused_and_nothing_is_stored() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-26T23:00:00Z")); // 27 Nov 00:00 in Berlin
    LambdaRun.Response late = withdraw(orderId, api.aws.uniqueId("k"));
    assertThat(late.status()).as(late.body().toString()).isEqualTo(422);
    assertThat(late.code()).isEqualTo("withdrawal-period-ended");
    assertThat(api.order(orderId).statusOf(new UnitRef("L1", 0))).isEqualTo(UnitStatus.ACTIVE);

    api.clock.set(Instant.parse("2026-11-26T22:59:59Z"));
    assertThat(withdraw(orderId, api.aws.uniqueId("k")).status()).isEqualTo(201);
  }

  @Test
  void LAW_1_a_US_order_or_a_business_buyer_is_not_covered_and_nothing_is_stored() {
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    for (String orderId :
        List.of(threeUnitOrder(Buyer.CONSUMER, "US"), threeUnitOrder(Buyer.BUSINESS, "DE"))) {
      LambdaRun.Response refused = withdraw(orderId, api.aws.uniqueId("k"));
      assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
      assertThat(refused.code()).isEqualTo("withdrawal-not-applicable");
      assertThat(refused.body().get("ruleIds").toString()).contains("LAW-1");
      assertThat(api.order(orderId).units().values())
          .allMatch(u -> u.status() == UnitStatus.ACTIVE);
    }
  }

  @Test
  void LAW_3_a_bad_request_names_every_field_and_changes_nothing() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response bad =
        api.invoke(
            withKey(
                forOrder(event("withdraw-from-contract-invalid"), orderId), api.aws.uniqueId("k")));
    assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
    assertThat(bad.body().get("errors").toString())
        .contains("\"name\"")
        .contains("\"email\"")
        .contains("units[0].quantity");
    LambdaRun.Response longName =
        withdrawWith(
            orderId,
            "{\"name\": \""
                + "x".repeat(201)
                + "\", \"units\": [{\"lineId\": \"L9\","
                + " \"quantity\": 1}]}");
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.body().get("errors").toString()).contains("\"name\"");
    LambdaRun.Response noLine =
        withdrawWith(
            orderId, "{\"name\": \"Erika\", \"units\": [{\"lineId\": \"L9\", \"quantity\": 1}]}");
    assertThat(noLine.status()).isEqualTo(400);
    assertThat(noLine.body().get("errors").toString()).contains("units[0].lineId");
    LambdaRun.Response tooMany =
        withdrawWith(
            orderId, "{\"name\": \"Erika\", \"units\": [{\"lineId\": \"L1\", \"quantity\": 4}]}");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body().get("errors").toString()).contains("units[0].quantity");
    assertThat(api.order(orderId).units().values()).allMatch(u -> u.status() == UnitStatus.ACTIVE);
  }

  /**
   * The customer's return sample (1 × L1, unwanted, mint) for {@code orderId}, under a fresh key.
   */
  private LambdaRun.Response askToReturn(String orderId) {
    return askToReturn(orderId, api.aws.uniqueId("k"));
  }

  private LambdaRun.Response askToReturnWith(String orderId, String body) {
    return api.invoke(
        withKey(
            withBody(forOrder(event("authorize-customer"), orderId), body), api.aws.uniqueId("k")));
  }

  private LambdaRun.Response askToReturn(String orderId, String key) {
    return api.invoke(withKey(forOrder(event("authorize-customer"), orderId), key));
  }

  @Test
  void
      LAW_4_a_German_consumers_return_inside_the_period_is_judged_as_a_withdrawal_and_refunded_so() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));

    String key = api.aws.uniqueId("k");
    LambdaRun.Response created = askToReturn(orderId, key);

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    JsonNode r = created.body();
    String id = r.get("returnId").asText();
    assertThat(id).startsWith("wd-ret-");
    assertThat(r.get("kind").asText()).isEqualTo("WITHDRAWAL");
    Order order = api.order(orderId);
    UnitRef first = new UnitRef("L1", 0);
    long paid = order.pricing().paidPrice(first).amount();
    long share = order.pricing().deliveryShare(first).amount();
    assertThat(share).isPositive();
    assertThat(r.at("/refundEstimate/total/amount").asLong()).as("LAW-2").isEqualTo(paid + share);
    String why = r.get("explanation").toString();
    assertThat(why)
        .contains("LAW-4")
        .contains("Judged as a withdrawal")
        .contains("RET-4 keeps the delivery charges");
    assertThat(order.statusOf(first)).isEqualTo(UnitStatus.RETURN_OPEN);
    assertThat(order.heldBy(first)).contains(id);
    // MSG-1, LAW-4: the write that took the unit announced the withdrawal, not a store return
    List<JsonNode> announced = api.pending(orderId, "WithdrawalReceived");
    assertThat(announced).hasSize(1);
    assertThat(announced.getFirst().at("/subject/id").asText()).isEqualTo(id);
    assertThat(announced.getFirst().at("/data/withdrawal/receivedAt").asText())
        .isEqualTo("2026-11-20T09:15:02Z");
    assertThat(announced.getFirst().at("/data/withdrawal/refundEstimate/amount").asLong())
        .isEqualTo(paid + share);
    assertThat(announced.getFirst().at("/data/return/rmaNumber")).isEqualTo(r.get("rmaNumber"));
    assertThat(api.pending(orderId, "ReturnAuthorized")).isEmpty();

    // the same key again answers the same withdrawal and takes nothing more
    LambdaRun.Response again = askToReturn(orderId, key);
    assertThat(again.status()).as(again.body().toString()).isEqualTo(201);
    assertThat(again.body().get("returnId").asText()).isEqualTo(id);
    assertThat(api.order(orderId).statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);

    // LAW-4, LAW-2: the refund at receipt follows the kind: no condition test, with delivery
    LambdaRun.Response received =
        api.invoke(
            withKey(
                withBody(
                    forReturn(event("receipt-warehouse"), id),
                    "{\"units\": [{\"lineId\": \"L1\", \"condition\": \"NOT_MINT\"}]}"),
                api.aws.uniqueId("rk")));
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    assertThat(received.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(received.body().at("/refund/source").asText()).isEqualTo("WITHDRAWAL");
    assertThat(received.body().at("/refund/amount/amount").asLong()).isEqualTo(paid + share);
    assertThat(api.order(orderId).refundedTotal().amount()).isEqualTo(paid + share);
    assertThat(api.pending(orderId, "WithdrawalReceived"))
        .as("the replay announced none")
        .hasSize(1);
    assertThat(api.pending(orderId, "ReturnReceived")).hasSize(1);
  }

  @Test
  void LAW_4_a_used_unit_the_store_would_refuse_is_taken_back_as_a_withdrawal_inside_the_period() {
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    String used =
        "{\"lines\": [{\"lineId\": \"L1\", \"quantity\": 1, \"reason\": \"UNWANTED\","
            + " \"condition\": \"USED\"}]}";
    api.clock.set(Instant.parse("2026-11-27T09:00:00Z")); // day 15: the store's terms alone
    LambdaRun.Response late = askToReturnWith(orderId, used);
    assertThat(late.status()).as(late.body().toString()).isEqualTo(422);
    assertThat(late.code()).isEqualTo("not-mint");

    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    LambdaRun.Response created = askToReturnWith(orderId, used);

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.body().get("kind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(created.body().get("explanation").toString())
        .contains("LAW-4")
        .contains("the store's return would be refused");
  }

  @Test
  void LAW_4_judging_a_return_as_a_withdrawal_takes_the_same_round_trips_as_the_stores_return() {
    String covered = threeUnitOrder(Buyer.CONSUMER, "DE");
    String uncovered = threeUnitOrder(Buyer.CONSUMER, "US");
    api.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    CountedCalls calls = new CountedCalls();
    ReturnsHandler handler = api.handler(calls.client(api.aws));

    LambdaRun.Response asStore =
        ReturnsApi.invoke(
            handler,
            withKey(forOrder(event("authorize-customer"), uncovered), api.aws.uniqueId("k")));
    List<String> storeCalls = calls.take();
    LambdaRun.Response asLaw =
        ReturnsApi.invoke(
            handler,
            withKey(forOrder(event("authorize-customer"), covered), api.aws.uniqueId("k")));

    assertThat(asStore.body().get("kind").asText()).isEqualTo("RETURN");
    assertThat(asLaw.body().get("kind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(calls.take()).isEqualTo(storeCalls);
  }

  @Test
  void LAW_4_a_crash_after_the_withdrawal_took_the_units_is_finished_by_the_retry_taking_no_more() {
    CrashingOrders crashes = new CrashingOrders();
    ReturnsApi crashing = new ReturnsApi(api.aws, crashes::wrap);
    String orderId = threeUnitOrder(Buyer.CONSUMER, "DE");
    crashing.clock.set(Instant.parse("2026-11-20T09:15:02Z"));
    String key = api.aws.uniqueId("k");
    crashes.afterReplace();

    assertThat(
            crashing
                .crashing(withKey(forOrder(event("authorize-customer"), orderId), key))
                .status())
        .isEqualTo(500);
    assertThat(crashes.happened()).isTrue();
    String id = api.order(orderId).heldBy(new UnitRef("L1", 0)).orElseThrow();
    assertThat(id).startsWith("wd-ret-");

    LambdaRun.Response retried =
        crashing.invoke(withKey(forOrder(event("authorize-customer"), orderId), key));

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().get("returnId").asText()).isEqualTo(id);
    assertThat(retried.body().get("kind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(api.order(orderId).statusOf(new UnitRef("L1", 1))).isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void LAW_4_outside_the_law_or_after_the_period_the_return_is_the_stores_as_before() {
    record Case(String orderId, String at) {}
    for (Case c :
        List.of(
            new Case(threeUnitOrder(Buyer.BUSINESS, "DE"), "2026-11-20T09:15:02Z"),
            new Case(threeUnitOrder(Buyer.CONSUMER, "US"), "2026-11-20T09:15:02Z"),
            // LAW-1: the period ended with 26 Nov (14 days after the last parcel on 12 Nov)
            new Case(threeUnitOrder(Buyer.CONSUMER, "DE"), "2026-11-27T09:00:00Z"))) {
      api.clock.set(Instant.parse(c.at()));

      LambdaRun.Response created = askToReturn(c.orderId());

      assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
      JsonNode r = created.body();
      assertThat(r.get("returnId").asText()).startsWith("ret-");
      assertThat(r.get("kind").asText()).isEqualTo("RETURN");
      Order order = api.order(c.orderId());
      UnitRef first = new UnitRef("L1", 0);
      long paid = order.pricing().paidPrice(first).amount();
      long share = order.pricing().deliveryShare(first).amount();
      assertThat(r.at("/refundEstimate/total/amount").asLong()).as("RET-4").isEqualTo(paid - share);
      assertThat(r.get("explanation").toString()).doesNotContain("LAW-4");
    }
  }
}
