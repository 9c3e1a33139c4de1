package org.aftersales.shared.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.document.ReturnAddress;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.MustInclude;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnItem;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.store.ReturnRepository.UnannouncedReturn;
import org.aftersales.shared.store.ReturnRepository.UnitCount;
import org.aftersales.shared.store.StaleReturnException;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.StoredReturn.Receipt;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The return repository on the real local DynamoDB server: mapping, keys, version guard, the
 * order's returns.
 */
@ExtendWith(LocalAwsServers.class)
class DynamoDbReturnRepositoryIT {

  private static final Instant AT = Instant.parse("2026-11-26T13:20:00Z");

  private final LocalAws aws;
  private DynamoDbReturnRepository returns;
  private String orderId;

  DynamoDbReturnRepositoryIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void setUp() {
    returns = new DynamoDbReturnRepository(aws.dynamoDb(), aws.tableName());
    orderId = aws.uniqueId("o");
  }

  private ReturnCase authorized(String returnId) {
    return new ReturnCase(
        returnId,
        orderId,
        "RMA-" + returnId,
        ReturnStatus.AUTHORIZED,
        List.of(
            new ReturnItem(new UnitRef("L1", 0), ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED),
            new ReturnItem(new UnitRef("L1", 1), ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED)),
        LocalDate.parse("2026-12-10"),
        new ReturnAddress(
            "KWOKING Returns",
            List.of("Returns Centre, Gate 4", "Lagerstrasse 12", "20457 Hamburg"),
            "DE"),
        List.of(new MustInclude("L1", List.of("power adapter", "original packaging"))),
        List.of("Write RMA-" + returnId + " on the parcel."),
        new Breakdown(
            List.of(
                BreakdownLine.of(
                    "Paid price of 2 × HDMI switch", Money.of(5498, "EUR"), "GEN-2", "RET-4"),
                BreakdownLine.of(
                    "Delivery charges for 2 × HDMI switch (not refunded on a return)",
                    Money.of(-499, "EUR"),
                    "GEN-3",
                    "RET-4")),
            Money.of(4999, "EUR")),
        AT,
        AT,
        null,
        null);
  }

  @Test
  void a_return_round_trips_with_its_keys_and_every_field() {
    String returnId = aws.uniqueId("ret");
    StoredReturn stored = new StoredReturn(authorized(returnId), "c-1", null, 0);

    assertThat(returns.create(stored)).isTrue();

    assertThat(returns.find(returnId)).contains(stored);
    Map<String, AttributeValue> item =
        aws.dynamoDb()
            .getItem(
                get ->
                    get.tableName(aws.tableName())
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("RETURN#" + returnId),
                                "sk",
                                AttributeValue.fromS("RETURN"))))
            .item();
    assertThat(item.get("gsi1pk").s()).isEqualTo("ORDER#" + orderId);
    assertThat(item.get("gsi1sk").s()).isEqualTo("RETURN#" + returnId);
    assertThat(item.get("gsi2pk").s()).isEqualTo("RETURNS#AUTHORIZED");
    assertThat(item.get("gsi2sk").s()).isEqualTo("2026-12-10#" + returnId);
    assertThat(item.get("version").n()).isEqualTo("0");
  }

  @Test
  void a_second_create_of_the_same_id_writes_nothing() {
    String returnId = aws.uniqueId("ret");
    StoredReturn first = new StoredReturn(authorized(returnId), "c-1", null, 0);
    returns.create(first);

    assertThat(returns.create(new StoredReturn(authorized(returnId), "c-2", null, 0))).isFalse();
    assertThat(returns.find(returnId).orElseThrow().customerId()).isEqualTo("c-1");
  }

  @Test
  void replace_is_guarded_by_the_version_and_moves_the_status_key() {
    String returnId = aws.uniqueId("ret");
    StoredReturn created = new StoredReturn(authorized(returnId), "c-1", null, 0);
    returns.create(created);
    Receipt receipt =
        new Receipt(
            List.of(
                new UnitInspection(new UnitRef("L1", 0), InspectedCondition.MINT, List.of("psu")),
                new UnitInspection(new UnitRef("L1", 1), InspectedCondition.NOT_MINT, List.of())),
            "box scuffed only",
            "agent",
            AT);

    StoredReturn received =
        returns.replace(
            created
                .withState(created.state().withStatus(ReturnStatus.RECEIVED, AT, null, null))
                .withReceipt(receipt));

    assertThat(received.version()).isEqualTo(1);
    assertThat(returns.find(returnId)).contains(received);
    assertThat(returns.find(returnId).orElseThrow().receipt()).isEqualTo(receipt);
    assertThatThrownBy(() -> returns.replace(created)).isInstanceOf(StaleReturnException.class);
    assertThat(returns.delete(created)).isFalse();
    Map<String, AttributeValue> item =
        aws.dynamoDb()
            .getItem(
                get ->
                    get.tableName(aws.tableName())
                        .key(
                            Map.of(
                                "pk",
                                AttributeValue.fromS("RETURN#" + returnId),
                                "sk",
                                AttributeValue.fromS("RETURN"))))
            .item();
    assertThat(item.get("gsi2pk").s()).isEqualTo("RETURNS#RECEIVED");
    assertThat(item.get("gsi2sk").s())
        .as("past AUTHORIZED the key holds the instant of the status, fixed width")
        .isEqualTo("2026-11-26T13:20:00.000000000Z#" + returnId);
    assertThat(returns.delete(received)).isTrue();
    assertThat(returns.find(returnId)).isEmpty();
  }

  @Test
  void the_sweeps_queries_find_returns_by_the_instant_of_their_status_or_their_send_by_date() {
    String receivedId = aws.uniqueId("ret");
    StoredReturn created = new StoredReturn(authorized(receivedId), "c-1", null, 0);
    returns.create(created);
    returns.replace(
        created.withState(created.state().withStatus(ReturnStatus.RECEIVED, AT, null, null)));
    String authorizedId = aws.uniqueId("ret");
    returns.create(new StoredReturn(authorized(authorizedId), "c-1", null, 0));

    assertThat(ids(ReturnStatus.RECEIVED, AT.minusSeconds(1), AT)).contains(receivedId);
    assertThat(ids(ReturnStatus.RECEIVED, AT, AT)).contains(receivedId);
    assertThat(ids(ReturnStatus.RECEIVED, AT.plusNanos(1), AT.plusSeconds(60)))
        .doesNotContain(receivedId);
    assertThat(ids(ReturnStatus.RECEIVED, AT.minusSeconds(60), AT.minusNanos(1)))
        .doesNotContain(receivedId);
    // send-by 2026-12-10
    assertThat(authorizedFrom(LocalDate.parse("2026-12-10"))).contains(authorizedId);
    assertThat(authorizedFrom(LocalDate.parse("2026-12-11"))).doesNotContain(authorizedId);
  }

  private List<String> ids(ReturnStatus status, Instant from, Instant to) {
    return all(cursor -> returns.inStatusSince(status, from, to, cursor, 25));
  }

  private List<String> authorizedFrom(LocalDate from) {
    return all(cursor -> returns.authorizedSendByFrom(from, cursor, 25));
  }

  /** The ids on every page of {@code query}. */
  private static List<String> all(
      java.util.function.Function<String, org.aftersales.shared.store.Page<StoredReturn>> query) {
    List<String> found = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var page = query.apply(cursor);
      page.items().forEach(r -> found.add(r.returnId()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return found;
  }

  @Test
  void a_replace_of_a_deleted_return_is_stale_and_writes_nothing() {
    String returnId = aws.uniqueId("ret");
    StoredReturn created = new StoredReturn(authorized(returnId), "c-1", null, 0);
    returns.create(created);
    assertThat(returns.delete(created)).isTrue();

    assertThatThrownBy(() -> returns.replace(created)).isInstanceOf(StaleReturnException.class);
    assertThat(returns.find(returnId)).isEmpty();
  }

  @Test
  void an_item_without_its_optional_fields_reads_with_nulls() {
    String returnId = aws.uniqueId("ret");
    ReturnCase bare =
        new ReturnCase(
            returnId,
            orderId,
            "RMA-" + returnId,
            ReturnStatus.AUTHORIZED,
            authorized(returnId).items(),
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            null,
            null,
            null);
    StoredReturn stored = new StoredReturn(bare, "c-1", null, 0);

    assertThat(returns.create(stored)).isTrue();

    assertThat(returns.find(returnId)).contains(stored);
  }

  @Test
  void an_orders_returns_come_from_one_index_query_without_its_unannounced_parcels() {
    String a = aws.uniqueId("ret-a");
    String b = aws.uniqueId("ret-b");
    returns.create(new StoredReturn(authorized(a), "c-1", null, 0));
    returns.create(new StoredReturn(authorized(b), "c-1", null, 0));
    returns.create(
        new StoredReturn(
            new ReturnCase(
                aws.uniqueId("ret-x"),
                aws.uniqueId("o"),
                "RMA-x",
                ReturnStatus.EXPIRED,
                List.of(),
                LocalDate.parse("2026-11-01"),
                null,
                List.of(),
                List.of(),
                null,
                AT,
                AT,
                null,
                null),
            "c-9",
            null,
            0));
    returns.createUnannounced(
        new UnannouncedReturn(aws.uniqueId("un"), orderId, null, List.of(), null, "warehouse", AT),
        List.of());

    assertThat(returns.byOrder(orderId))
        .extracting(StoredReturn::returnId)
        .containsExactlyInAnyOrder(a, b);
  }

  @Test
  void an_unannounced_parcel_is_recorded_once() {
    String id = aws.uniqueId("un");
    UnannouncedReturn parcel =
        new UnannouncedReturn(
            id,
            orderId,
            "DHL-1",
            List.of(new UnitCount("L1", 1)),
            "no RMA on the label",
            "warehouse",
            AT);

    assertThat(returns.createUnannounced(parcel, List.of())).isTrue();
    assertThat(
            returns.createUnannounced(
                new UnannouncedReturn(id, null, null, List.of(), null, "warehouse", AT), List.of()))
        .isFalse();
    assertThat(returns.findUnannounced(id)).contains(parcel);
    assertThat(returns.findUnannounced(aws.uniqueId("un"))).isEmpty();
  }
}
