package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.dynamodb.DynamoDbOrderRepository;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GEN-5 breach counting on {@code events/RefundBreachFunction/scheduled.json} with the event's
 * {@code time} set per test (the fixed clock: the handler's own clock is never used). Refunds here
 * are due in March 2025, before every other test's refunds, so the counts are exact.
 */
@ExtendWith(LocalAwsServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundBreachHandlerIT {

  private final LocalAws aws;
  private DynamoDbOrderRepository orders;

  RefundBreachHandlerIT(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeAll
  void pendingRefunds() {
    orders = new DynamoDbOrderRepository(aws.dynamoDb(), aws.tableName());
    // Order A: pending due 03-03 and 03-10, and one due 03-01 already settled.
    String a = aws.uniqueId("o-breach-a");
    Order orderA = TestData.registered(orders, a);
    Refund settled = TestData.refund(a, "cl-a0", 100, LocalDate.of(2025, 3, 1));
    orderA =
        orderA
            .addRefund(settled)
            .order()
            .settleRefund(settled.refundId(), Fixtures.NOW, "PAY-A0")
            .addRefund(TestData.refund(a, "cl-a1", 100, LocalDate.of(2025, 3, 3)))
            .order()
            .addRefund(TestData.refund(a, "cl-a2", 100, LocalDate.of(2025, 3, 10)))
            .order();
    orders.replace(orderA);
    // Order B: pending due 03-05 and 03-12.
    String b = aws.uniqueId("o-breach-b");
    Order orderB = TestData.registered(orders, b);
    orders.replace(
        orderB
            .addRefund(TestData.refund(b, "cl-b1", 100, LocalDate.of(2025, 3, 5)))
            .order()
            .addRefund(TestData.refund(b, "cl-b2", 100, LocalDate.of(2025, 3, 12)))
            .order());
  }

  private record Run(JsonNode result, JsonNode emf) {}

  private Run countAt(String time) {
    LambdaRun stdout = new LambdaRun();
    // The handler's clock is far from the event's time: only the event decides.
    RefundBreachHandler handler =
        new RefundBreachHandler(
            orders,
            new org.aftersales.shared.store.dynamodb.DynamoDbOutboxStore(
                aws.dynamoDb(), aws.tableName()),
            TestData.BOOK,
            stdout.log(Fixtures.CLOCK, "TestFunction"),
            stdout.metrics(Fixtures.CLOCK),
            Fixtures.CLOCK);
    ObjectNode event = LambdaRun.tree(LambdaRun.eventText("RefundBreachFunction", "scheduled"));
    if (time != null) {
      event.put("time", time);
    }
    JsonNode result = LambdaRun.raw(handler, Json.write(event));
    assertThat(stdout.emf()).hasSize(1);
    return new Run(result, stdout.emf().getFirst());
  }

  @Test
  void counts_pending_refunds_past_their_due_day_in_the_store_zone() {
    // 22:30 UTC = 23:30 in Berlin on 03-10: due 03-03 and 03-05 are past, 03-10 is not yet.
    Run beforeMidnight = countAt("2025-03-10T22:30:00Z");
    assertThat(beforeMidnight.result().get("asOf").asText()).isEqualTo("2025-03-10");
    assertThat(beforeMidnight.result().get("pastDue").asInt()).isEqualTo(2);
    assertThat(beforeMidnight.result().get("orders").asInt()).isEqualTo(2);
    assertThat(beforeMidnight.result().get("oldestDueBy").asText()).isEqualTo("2025-03-03");

    // 23:30 UTC = 00:30 on 03-11 in Berlin: the refund due 03-10 is now a breach too.
    Run afterMidnight = countAt("2025-03-10T23:30:00Z");
    assertThat(afterMidnight.result().get("asOf").asText()).isEqualTo("2025-03-11");
    assertThat(afterMidnight.result().get("pastDue").asInt()).isEqualTo(3);

    assertThat(countAt("2025-03-13T09:00:00Z").result().get("pastDue").asInt()).isEqualTo(4);
  }

  @Test
  void emits_RefundsPastDue_in_the_metrics_namespace_even_when_zero() {
    Run none = countAt("2025-03-01T09:00:00Z");
    assertThat(none.result().get("pastDue").asInt()).isZero();
    assertThat(none.emf().get("RefundsPastDue").asInt()).isZero();

    Run some = countAt("2025-03-10T23:30:00Z");
    JsonNode directive = some.emf().at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("AfterSales");
    assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("RefundsPastDue");
    assertThat(directive.at("/Metrics/0/Unit").asText()).isEqualTo("Count");
    assertThat(some.emf().get("RefundsPastDue").asInt()).isEqualTo(3);
  }

  @Test
  void the_sample_event_as_is_counts_at_its_own_time() {
    Run run = countAt(null);

    assertThat(run.result().get("at").asText()).isEqualTo("2026-11-26T14:00:00Z");
    assertThat(run.result().get("asOf").asText()).isEqualTo("2026-11-26");
    // At least the four refunds of this class are past due then (other test classes may add more).
    assertThat(run.result().get("pastDue").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(run.emf().get("RefundsPastDue").asInt())
        .isEqualTo(run.result().get("pastDue").asInt());
  }
}
