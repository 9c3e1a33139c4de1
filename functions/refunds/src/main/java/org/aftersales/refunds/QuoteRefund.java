package org.aftersales.refunds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.aftersales.policy.decision.Decision;
import org.aftersales.policy.decision.RefundQuotes;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.json.ApiJson;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;

/**
 * {@code POST /refunds/quote}: reads the order (404 when missing or another customer's), judges it
 * by its policy version (GEN-7) through {@link RefundQuotes}, and answers the refund the operation
 * would grant now with its breakdown (GEN-8) and due date (GEN-5). Reads only.
 */
record QuoteRefund(Orders orders, PolicyBook book, Clock clock) {

  QuoteRefund(OrderRepository orders, PolicyBook book, Clock clock) {
    this(new Orders(orders), book, clock);
  }

  ObjectNode quote(Caller caller, String orderId, RefundQuotes.QuoteRequest request) {
    Order order = orders.visibleTo(caller, orderId);
    Instant now = clock.instant();
    Decision<RefundQuotes.Quote> decision =
        RefundQuotes.quote(
            order, book.judging(order.policyVersion(), order.spec().placedAt()), request, now);
    return json(order, Refusals.valueOf(decision), now);
  }

  /**
   * {@code {"orderId", "kind", "quotedAt", "amount", "dueBy", "breakdown", "amountDue"?,
   * "explanation"}}; {@code amountDue} what a dearer change asks to be paid (CHG-3).
   */
  static ObjectNode json(Order order, RefundQuotes.Quote quote, Instant now) {
    Refund refund = quote.refund();
    Breakdown breakdown =
        refund != null ? refund.breakdown() : Breakdown.of(order.spec().currency(), List.of());
    ObjectNode node = Json.object();
    node.put("orderId", order.orderId());
    node.put("kind", quote.kind().name());
    node.put("quotedAt", now.toString());
    node.set(
        "amount",
        ApiJson.money(refund != null ? refund.amount() : Money.zero(order.spec().currency())));
    if (refund != null) {
      node.put("dueBy", refund.dueBy().toString());
    } else {
      node.putNull("dueBy");
    }
    node.set("breakdown", ApiJson.breakdown(breakdown));
    if (quote.amountDue() != null && quote.amountDue().isPositive()) {
      node.set("amountDue", ApiJson.money(quote.amountDue()));
    }
    node.set("explanation", ApiJson.explanation(quote.explanation()));
    node.set("ruleIds", ApiJson.strings(quote.explanation().ruleIds()));
    return node;
  }
}
