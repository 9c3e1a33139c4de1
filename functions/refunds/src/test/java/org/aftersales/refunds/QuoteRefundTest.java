package org.aftersales.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.RefundQuotes;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.testing.TestOrders;
import org.junit.jupiter.api.Test;

/**
 * The quote view (openapi.yaml "POST /refunds/quote"); the quotes themselves: policy's
 * RefundQuotesTest.
 */
class QuoteRefundTest {

  @Test
  void CAN_8_a_quote_of_no_refund_shows_zero_no_due_date_and_no_lines() {
    Order registered =
        Order.register(TestOrders.hdmiSwitches("o-q", "c-1"), TestData.POLICY_VERSION);
    List<CancellationPolicy.LineRequest> oneUnit =
        List.of(new CancellationPolicy.LineRequest("L1", 1));
    Order cancelled =
        CancellationPolicy.cancel(registered, TestData.policy(), "c-1", oneUnit, Fixtures.NOW)
            .value()
            .order();
    RefundQuotes.Quote quote =
        RefundQuotes.quote(
                cancelled,
                TestData.policy(),
                new RefundQuotes.CancellationQuote(oneUnit),
                Fixtures.NOW)
            .value();

    JsonNode json = QuoteRefund.json(cancelled, quote, Fixtures.NOW);

    assertThat(json.at("/amount/amount").asLong()).isZero();
    assertThat(json.get("dueBy").isNull()).isTrue();
    assertThat(json.at("/breakdown/lines")).isEmpty();
    assertThat(json.get("ruleIds").toString()).contains("CAN-8");
  }
}
