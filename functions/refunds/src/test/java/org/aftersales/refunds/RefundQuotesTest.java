package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.FulfilmentEvent;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.Test;

/** Quotes that the real operation would refuse are refused the same way; a no-op quotes nothing. */
class RefundQuotesTest {

  private static Order halfDelivered() {
    Order order = Order.register(TestOrders.hdmiSwitches("o-q", "c-1"), TestData.POLICY_VERSION);
    for (FulfilmentType step : FulfilmentType.values()) {
      order =
          order
              .recordFulfilment("P1", new FulfilmentEvent(step, TestData.DELIVERED_AT, null))
              .value()
              .order();
    }
    return order;
  }

  private static Decision<RefundQuotes.Quote> quote(
      Order order, RefundQuotes.QuoteRequest request, Instant now) {
    return RefundQuotes.quote(order, TestData.policy(), request, now);
  }

  private static RefundQuotes.ReturnQuote returnOf(ReturnReason reason) {
    return new RefundQuotes.ReturnQuote(
        List.of(
            new RefundQuotes.ReturnQuoteLine(
                "L1", 2, reason, ItemCondition.MINT_UNUSED, List.of())));
  }

  @Test
  void GEN_6_a_return_of_an_undelivered_unit_is_refused_not_delivered() {
    Decision<RefundQuotes.Quote> quote =
        quote(halfDelivered(), returnOf(ReturnReason.UNWANTED), Fixtures.NOW);

    assertThat(quote.refusal().code().code()).isEqualTo("not-delivered");
  }

  @Test
  void RET_7_a_faulty_item_within_the_DOA_window_goes_to_a_claim() {
    Decision<RefundQuotes.Quote> quote =
        quote(halfDelivered(), returnOf(ReturnReason.NOT_WORKING), Fixtures.NOW);

    assertThat(quote.refusal().code().code()).isEqualTo("use-doa-claim");
    assertThat(quote.refusal().ruleIds()).contains("RET-7", "DOA-1");
  }

  @Test
  void DOA_1_a_claim_after_the_window_is_refused_with_the_warranty_end() {
    Instant late = Instant.parse("2026-12-10T12:00:00Z"); // delivered 2026-11-20, 14 days → 12-04
    Decision<RefundQuotes.Quote> quote =
        quote(
            halfDelivered(),
            new RefundQuotes.ClaimQuote("L1", ClaimOutcome.FULL_REFUND, null, null),
            late);

    assertThat(quote.refusal().code().code()).isEqualTo("doa-window-closed");
    assertThat(quote.refusal().warrantyEndsOn()).hasToString("2028-11-20");
  }

  @Test
  void CAN_8_quoting_the_cancellation_of_cancelled_units_quotes_no_refund() {
    Order order = halfDelivered();
    Order cancelled =
        CancellationPolicy.cancel(
                order,
                TestData.policy(),
                "c-1",
                List.of(new CancellationPolicy.LineRequest("L1", 1)),
                Fixtures.NOW)
            .value()
            .order();

    Decision<RefundQuotes.Quote> quote =
        quote(
            cancelled,
            new RefundQuotes.CancellationQuote(
                List.of(new CancellationPolicy.LineRequest("L1", 1))),
            Fixtures.NOW);

    assertThat(quote.value().refund()).isNull();
    var json = QuoteRefund.json(cancelled, quote.value(), Fixtures.NOW);
    assertThat(json.at("/amount/amount").asLong()).isZero();
    assertThat(json.get("dueBy").isNull()).isTrue();
    assertThat(json.at("/breakdown/lines")).isEmpty();
    assertThat(json.get("ruleIds").toString()).contains("CAN-8");
  }
}
