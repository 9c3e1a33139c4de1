package org.aftersales.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.aftersales.policy.TestOrders;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.FulfilmentType;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.junit.jupiter.api.Test;

/**
 * Quotes that the real operation would refuse are refused the same way; a no-op quotes nothing.
 * Moved here from the refunds function with {@link RefundQuotes} : it is pure policy.
 */
class RefundQuotesTest {

  private static final Instant NOW = Instant.parse("2026-11-26T13:20:00Z");
  private static final String DELIVERED_AT = "2026-11-20T10:00:00Z";

  /**
   * The example order of openapi.yaml (policy 2026-06): parcel P1 (unit L1#0) delivered, P2 not
   * processed.
   */
  static Order halfDelivered() {
    Order order = Fixtures.register(TestOrders.apiExampleInTwoParcels("o-q"));
    for (FulfilmentType step : FulfilmentType.values()) {
      order = Fixtures.event(order, "P1", step, DELIVERED_AT);
    }
    return order;
  }

  private static Decision<RefundQuotes.Quote> quote(
      Order order, RefundQuotes.QuoteRequest request, Instant now) {
    return RefundQuotes.quote(order, Fixtures.POLICY, request, now);
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
        quote(halfDelivered(), returnOf(ReturnReason.UNWANTED), NOW);

    assertThat(quote.refusal().code().code()).isEqualTo("not-delivered");
  }

  @Test
  void RET_7_a_faulty_item_within_the_DOA_window_goes_to_a_claim() {
    Decision<RefundQuotes.Quote> quote =
        quote(halfDelivered(), returnOf(ReturnReason.NOT_WORKING), NOW);

    assertThat(quote.refusal().code().code()).isEqualTo("use-doa-claim");
    assertThat(quote.refusal().ruleIds()).contains("RET-7", "DOA-1");
  }

  @Test
  void WAR_3_a_DOA_outcome_quoted_after_the_DOA_window_is_refused_naming_the_warranty_outcomes() {
    Instant late = Instant.parse("2026-12-10T12:00:00Z"); // delivered 2026-11-20, 14 days → 12-04
    Decision<RefundQuotes.Quote> quote =
        quote(
            halfDelivered(),
            new RefundQuotes.ClaimQuote("L1", ClaimOutcome.FULL_REFUND, null, null),
            late);

    assertThat(quote.refusal().code().code()).isEqualTo("invalid-request");
    assertThat(quote.refusal().field()).isEqualTo("outcome");
    assertThat(quote.refusal().message()).contains("REPAIR", "PRICE_REDUCTION");
    assertThat(quote.refusal().ruleIds()).containsExactly("WAR-3");
  }

  @Test
  void CAN_8_quoting_the_cancellation_of_cancelled_units_quotes_no_refund() {
    Decision<RefundQuotes.Quote> quote =
        quote(
            cancelledUnitOfP2(),
            new RefundQuotes.CancellationQuote(
                List.of(new CancellationPolicy.LineRequest("L1", 1))),
            NOW);

    assertThat(quote.value().refund()).isNull();
    assertThat(quote.value().explanation().ruleIds()).contains("CAN-8");
  }

  /** {@link #halfDelivered()} with its undelivered unit (L1#1 in P2) cancelled. */
  static Order cancelledUnitOfP2() {
    return CancellationPolicy.cancel(
            halfDelivered(),
            Fixtures.POLICY,
            "c-1",
            List.of(new CancellationPolicy.LineRequest("L1", 1)),
            NOW)
        .value()
        .order();
  }
}
