package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withBody;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.PendingEvent;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MSG-1/MSG-2 on the returns routes against the local DynamoDB server: each return decision records
 * its event in the order write that commits it (the write that takes the units, grants the refund
 * or lets the units go), once; a replayed, repeated or refused request records none. The events'
 * schemas and publication: functions/events {@code EventCatalogueIT}.
 */
@ExtendWith(LocalAwsServers.class)
class ReturnEventsIT {

  private final ReturnsApi api;

  ReturnEventsIT(LocalAws aws) {
    this.api = new ReturnsApi(aws);
  }

  private LambdaRun.Response authorize(String orderId, String key) {
    return api.invoke(withKey(forOrder(event("authorize-customer"), orderId), key));
  }

  private LambdaRun.Response receive(String sample, String returnId, String key) {
    return api.invoke(withKey(forReturn(event(sample), returnId), key));
  }

  @Test
  void MSG_2_an_authorised_return_records_one_ReturnAuthorized_and_a_replay_or_refusal_none() {
    String orderId = api.deliveredOrder("P1");
    String key = api.aws.uniqueId("k");

    LambdaRun.Response created = authorize(orderId, key);

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    List<JsonNode> authorized = api.pending(orderId, "ReturnAuthorized");
    assertThat(authorized).hasSize(1);
    JsonNode e = authorized.getFirst();
    assertThat(e.at("/subject/kind").asText()).isEqualTo("RETURN");
    assertThat(e.at("/subject/id").asText()).isEqualTo(created.body().get("returnId").asText());
    assertThat(e.at("/occurredAt").asText()).isEqualTo(ReturnsApi.NOW.toString());
    JsonNode shown = created.body();
    for (String field : List.of("rmaNumber", "sendBy", "returnAddress", "mustInclude", "status")) {
      assertThat(e.at("/data/return/" + field)).as(field).isEqualTo(shown.get(field));
    }
    assertThat(e.get("ruleIds").toString()).contains("RET-2", "RET-9");

    LambdaRun.Response replay = authorize(orderId, key);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.header("idempotent-replayed")).isEqualTo("true");
    // P2 is not delivered and L1's delivered unit is taken: the next request is refused
    LambdaRun.Response refused = authorize(orderId, api.aws.uniqueId("k"));
    assertThat(refused.status()).as(refused.body().toString()).isIn(409, 422);

    assertThat(api.pending(orderId))
        .extracting(PendingEvent::type)
        .as("MSG-2: the replay and the refusal record nothing")
        .containsExactly("ReturnAuthorized");
  }

  @Test
  void RET_4_a_received_return_records_one_ReturnReceived_with_its_refund_and_a_repeat_none() {
    String orderId = api.deliveredOrder();
    String returnId = authorize(orderId, api.aws.uniqueId("k")).body().get("returnId").asText();
    api.clock.set(Instant.parse("2026-11-28T10:00:00Z"));

    String scan = api.aws.uniqueId("s");
    LambdaRun.Response received = receive("receipt-warehouse", returnId, scan);
    assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
    LambdaRun.Response replayed = receive("receipt-warehouse", returnId, scan);
    assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
    LambdaRun.Response again = receive("receipt-warehouse", returnId, api.aws.uniqueId("s"));
    assertThat(again.status()).isEqualTo(200);

    List<JsonNode> events = api.pending(orderId, "ReturnReceived");
    assertThat(events).as("MSG-2: one; the replay and the repeated receipt record none").hasSize(1);
    JsonNode e = events.getFirst();
    assertThat(e.at("/data/refund")).isEqualTo(received.body().get("refund"));
    assertThat(e.at("/data/return/status").asText()).isEqualTo("REFUNDED");
    assertThat(e.at("/data/return/rmaNumber")).isEqualTo(received.body().get("rmaNumber"));
    assertThat(e.get("explanation")).isEqualTo(received.body().get("explanation"));
    assertThat(e.get("occurredAt").asText()).isEqualTo("2026-11-28T10:00:00Z");
    assertThat(api.pending(orderId, "RefundGranted")).hasSize(1);
  }

  @Test
  void RET_6_a_return_refused_on_inspection_records_one_ReturnReceived_without_a_refund() {
    String orderId = api.deliveredOrder();
    String returnId = authorize(orderId, api.aws.uniqueId("k")).body().get("returnId").asText();

    LambdaRun.Response refused =
        receive("receipt-warehouse-not-mint", returnId, api.aws.uniqueId("s"));
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(200);
    assertThat(refused.body().get("status").asText()).isEqualTo("REJECTED");
    receive("receipt-warehouse-not-mint", returnId, api.aws.uniqueId("s"));
    api.invoke(forReturn(event("get-customer"), returnId));

    List<JsonNode> events = api.pending(orderId, "ReturnReceived");
    assertThat(events).hasSize(1);
    JsonNode e = events.getFirst();
    assertThat(e.at("/data/refund").isNull()).isTrue();
    assertThat(e.at("/data/return/status").asText()).isEqualTo("REJECTED");
    assertThat(e.get("ruleIds").toString()).contains("RET-6");
    assertThat(e.at("/explanation/0/text").asText()).contains("not in mint condition");
    assertThat(api.pending(orderId, "RefundGranted")).isEmpty();
  }

  @Test
  void RET_9_an_overdue_return_records_one_ReturnExpired_however_often_it_is_touched() {
    String orderId = api.deliveredOrder();
    LambdaRun.Response created = authorize(orderId, api.aws.uniqueId("k"));
    String returnId = created.body().get("returnId").asText();
    String sendBy = created.body().get("sendBy").asText();
    api.clock.set(Instant.parse(sendBy + "T12:00:00Z").plusSeconds(2 * 86_400));

    LambdaRun.Response read = api.invoke(forReturn(event("get-customer"), returnId));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().get("status").asText()).isEqualTo("EXPIRED");
    api.invoke(forReturn(event("get-agent"), returnId));
    LambdaRun.Response withdraw = api.invoke(forReturn(event("withdraw-customer"), returnId));
    assertThat(withdraw.status()).isEqualTo(409);
    LambdaRun.Response receipt = receive("receipt-warehouse", returnId, api.aws.uniqueId("s"));
    assertThat(receipt.status()).isEqualTo(409);

    List<JsonNode> events = api.pending(orderId, "ReturnExpired");
    assertThat(events).hasSize(1);
    JsonNode e = events.getFirst();
    assertThat(e.at("/data/return/status").asText()).isEqualTo("EXPIRED");
    assertThat(e.at("/data/return/sendBy").asText()).isEqualTo(sendBy);
    assertThat(e.at("/explanation/0/text").asText()).contains("not sent by " + sendBy);
    assertThat(api.pending(orderId))
        .extracting(PendingEvent::type)
        .containsExactly("ReturnAuthorized", "ReturnExpired");
  }

  @Test
  void RET_9_a_withdrawn_return_records_one_ReturnWithdrawn_and_a_repeat_or_refusal_none() {
    String orderId = api.deliveredOrder();
    LambdaRun.Response created = authorize(orderId, api.aws.uniqueId("k"));
    String returnId = created.body().get("returnId").asText();
    api.clock.set(ReturnsApi.NOW.plusSeconds(60));

    LambdaRun.Response withdrawn =
        api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null));
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
    LambdaRun.Response again =
        api.invoke(withKey(forReturn(event("withdraw-customer"), returnId), null));
    assertThat(again.status()).isEqualTo(200);
    assertThat(receive("receipt-warehouse", returnId, api.aws.uniqueId("s")).status())
        .as("a withdrawn return is not received")
        .isEqualTo(409);
    api.invoke(forReturn(event("get-customer"), returnId));

    List<JsonNode> events = api.pending(orderId, "ReturnWithdrawn");
    assertThat(events).as("MSG-2: once").hasSize(1);
    JsonNode e = events.getFirst();
    assertThat(e.at("/subject/kind").asText()).isEqualTo("RETURN");
    assertThat(e.at("/subject/id").asText()).isEqualTo(returnId);
    assertThat(e.at("/occurredAt").asText()).isEqualTo(ReturnsApi.NOW.plusSeconds(60).toString());
    assertThat(e.at("/data/return/status").asText()).isEqualTo("WITHDRAWN");
    assertThat(e.at("/data/return/rmaNumber")).isEqualTo(created.body().get("rmaNumber"));
    assertThat(e.get("ruleIds").toString()).contains("RET-9");
    assertThat(e.at("/explanation/0/text").asText()).contains("withdrawn", "no longer expected");
    assertThat(api.pending(orderId))
        .extracting(PendingEvent::type)
        .containsExactly("ReturnAuthorized", "ReturnWithdrawn");
  }

  @Test
  void RET_3_a_parcel_naming_a_known_order_records_one_UnannouncedReturnReceived_on_its_item()
      throws Exception {
    String orderId = api.deliveredOrder();
    String key = api.aws.uniqueId("scan");

    LambdaRun.Response recorded = unannounced(orderId, key);
    assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(201);
    String id = recorded.body().get("unannouncedId").asText();
    assertThat(unannounced(orderId, key).status()).as("the retry").isEqualTo(201);

    List<PendingEvent> onParcel = parcelOutbox(id);
    assertThat(onParcel)
        .extracting(PendingEvent::type)
        .containsExactly("UnannouncedReturnReceived");
    JsonNode e = Json.MAPPER.readTree(onParcel.getFirst().json());
    assertThat(e.at("/orderId").asText()).isEqualTo(orderId);
    assertThat(e.at("/customerId").asText()).isEqualTo("c-1");
    assertThat(e.at("/subject/kind").asText()).isEqualTo("UNANNOUNCED");
    assertThat(e.at("/subject/id").asText()).isEqualTo(id);
    assertThat(e.at("/occurredAt").asText()).isEqualTo("2026-11-26T13:00:00Z");
    assertThat(e.at("/data/unannounced")).isEqualTo(recorded.body());
    assertThat(e.get("ruleIds").toString()).contains("RET-3");
    assertThat(api.pending(orderId)).as("nothing on the order item").isEmpty();
  }

  @Test
  void RET_3_a_parcel_naming_no_known_order_records_no_event() {
    LambdaRun.Response unknown = unannounced(api.aws.uniqueId("o-unknown"), api.aws.uniqueId("s"));
    LambdaRun.Response none = unannounced(null, api.aws.uniqueId("s"));

    assertThat(unknown.status()).as(unknown.body().toString()).isEqualTo(201);
    assertThat(none.status()).as(none.body().toString()).isEqualTo(201);
    assertThat(parcelOutbox(unknown.body().get("unannouncedId").asText())).isEmpty();
    assertThat(parcelOutbox(none.body().get("unannouncedId").asText())).isEmpty();
  }

  /** The warehouse's sample parcel naming {@code orderId} (none when null), under {@code key}. */
  private LambdaRun.Response unannounced(String orderId, String key) {
    String body =
        (orderId == null ? "{" : "{\"orderId\": \"" + orderId + "\", ")
            + "\"units\": [{\"lineId\": \"L1\", \"quantity\": 1}],"
            + " \"receivedAt\": \"2026-11-26T13:00:00Z\"}";
    return api.invoke(withKey(withBody(event("unannounced-warehouse"), body), key));
  }

  private List<PendingEvent> parcelOutbox(String unannouncedId) {
    return api.pendingOn(new OutboxStore.ItemRef("UNANNOUNCED#" + unannouncedId, "UNANNOUNCED"));
  }
}
