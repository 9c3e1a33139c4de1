package org.aftersales.shared.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.aftersales.policy.decision.Explanation;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;

/**
 * The policy's values in API.md's JSON shapes, written by hand (one mapper, no reflection): Money
 * {@code {"amount", "currency"}} in minor units (GEN-1), Breakdown, Refund, and an explanation as
 * {@code [{"ruleId", "text"}]} (GEN-8).
 */
public final class ApiJson {

  private ApiJson() {}

  public static ObjectNode money(Money money) {
    ObjectNode node = Json.object();
    node.put("amount", money.amount());
    node.put("currency", money.currency().getCurrencyCode());
    return node;
  }

  public static ArrayNode strings(List<String> values) {
    ArrayNode array = Json.array();
    values.forEach(array::add);
    return array;
  }

  public static ObjectNode breakdown(Breakdown breakdown) {
    ObjectNode node = Json.object();
    ArrayNode lines = node.putArray("lines");
    for (BreakdownLine line : breakdown.lines()) {
      ObjectNode item = lines.addObject();
      item.put("label", line.label());
      item.set("amount", money(line.amount()));
      item.set("ruleIds", strings(line.ruleIds()));
    }
    node.set("total", money(breakdown.total()));
    return node;
  }

  /**
   * API.md "Refund"; {@code settledAt} and {@code paymentReference} once settled. The {@code
   * refundId} is the public one, {@code {orderId}~{ledger id}} ({@link PublicRefundId}), which
   * {@code POST /refunds/{refundId}/settlement} takes.
   */
  public static ObjectNode refund(Refund refund) {
    ObjectNode node = Json.object();
    node.put("refundId", PublicRefundId.valueOf(refund));
    node.put("orderId", refund.orderId());
    node.put("source", refund.source().name());
    node.put("sourceId", refund.sourceId());
    node.set("amount", money(refund.amount()));
    node.put("status", refund.status().name());
    node.put("grantedAt", refund.grantedAt().toString());
    node.put("dueBy", refund.dueBy().toString());
    node.set("breakdown", breakdown(refund.breakdown()));
    if (refund.settledAt() != null) {
      node.put("settledAt", refund.settledAt().toString());
    }
    if (refund.paymentReference() != null) {
      node.put("paymentReference", refund.paymentReference());
    }
    return node;
  }

  public static ArrayNode explanation(Explanation explanation) {
    ArrayNode lines = Json.array();
    explanation
        .lines()
        .forEach(
            line -> {
              ObjectNode item = lines.addObject();
              item.put("ruleId", line.ruleId());
              item.put("text", line.text());
            });
    return lines;
  }
}
