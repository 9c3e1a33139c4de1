package org.aftersales.refunds;

import java.util.List;
import java.util.Optional;
import org.aftersales.policy.decision.CancellationPolicy;
import org.aftersales.policy.decision.RefundQuotes;
import org.aftersales.policy.decision.WithdrawalPolicy;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.ClaimOutcome;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.shared.changes.ChangeBodies;
import org.aftersales.shared.json.JsonBody;

/**
 * Reads a quote request body, collecting every bad field (400): {@code {"orderId", "kind":
 * "CANCELLATION" | "RETURN" | "CLAIM", "lines": [...]}} where a line is
 *
 * <ul>
 *   <li>CANCELLATION: {@code {"lineId", "quantity"}}; {@code lines} omitted = everything
 *       cancellable;
 *   <li>RETURN: {@code {"lineId", "quantity", "reason"?, "condition"?, "missingComponents"?:
 *       [...]}} (reason defaults to UNWANTED, condition to MINT_UNUSED, nothing missing);
 *   <li>CHANGE: the fields of {@code POST /orders/{orderId}/changes} ({@code units}, {@code
 *       parcels}) beside {@code orderId} and {@code kind}, no {@code lines};
 *   <li>WITHDRAWAL: {@code {"lineId", "quantity"}}; {@code lines} omitted = every delivered unit
 *       that can be withdrawn (LAW-1, LAW-2);
 *   <li>CLAIM: exactly one {@code {"lineId", "outcome": "PARTIAL_REFUND" | "FULL_REFUND",
 *       "componentId"?, "amount"?}}.
 * </ul>
 */
final class QuoteRequestReader {

  /** The order to quote on and what to quote. */
  record Read(String orderId, RefundQuotes.QuoteRequest request) {}

  private static final int MAX_QUANTITY = 10_000;

  private QuoteRequestReader() {}

  static Read read(JsonBody body) {
    String orderId = body.requiredId("orderId");
    RefundSource kind = body.requiredEnum("kind", RefundSource.class);
    RefundQuotes.QuoteRequest request = null;
    if (kind != null) {
      request =
          switch (kind) {
            case CANCELLATION ->
                new RefundQuotes.CancellationQuote(
                    body.optionalArray(
                            "lines",
                            (line, path) ->
                                new CancellationPolicy.LineRequest(
                                    lineId(line), line.requiredInt("quantity", 1, MAX_QUANTITY)))
                        .orElse(null));
            case RETURN ->
                new RefundQuotes.ReturnQuote(
                    body.array(
                        "lines",
                        (line, path) ->
                            new RefundQuotes.ReturnQuoteLine(
                                lineId(line),
                                line.requiredInt("quantity", 1, MAX_QUANTITY),
                                line.optionalEnum("reason", ReturnReason.class)
                                    .orElse(ReturnReason.UNWANTED),
                                line.optionalEnum("condition", ItemCondition.class)
                                    .orElse(ItemCondition.MINT_UNUSED),
                                line.optionalArray("missingComponents", (c, p) -> c.asId())
                                    .orElse(List.of()))));
            case CLAIM -> claim(body);
            case CHANGE -> new RefundQuotes.ChangeQuote(ChangeBodies.read(body));
            case WITHDRAWAL ->
                new RefundQuotes.WithdrawalQuote(
                    body.optionalArray(
                            "lines",
                            (line, path) ->
                                new WithdrawalPolicy.WithdrawalLine(
                                    lineId(line), line.requiredInt("quantity", 1, MAX_QUANTITY)))
                        .orElse(null));
          };
    }
    body.throwIfInvalid();
    return new Read(orderId, request);
  }

  private static RefundQuotes.ClaimQuote claim(JsonBody body) {
    List<RefundQuotes.ClaimQuote> claims =
        body.array(
            "lines",
            1,
            1,
            (line, path) -> {
              String lineId = lineId(line);
              ClaimOutcome outcome = line.requiredEnum("outcome", ClaimOutcome.class);
              if (outcome != null
                  && outcome != ClaimOutcome.PARTIAL_REFUND
                  && outcome != ClaimOutcome.FULL_REFUND) {
                line.rejectField(
                    "outcome",
                    "must be PARTIAL_REFUND or FULL_REFUND: the other outcomes refund nothing");
                outcome = null;
              }
              Optional<String> componentId = line.optionalId("componentId");
              Optional<Long> amount = line.optionalAmount("amount");
              if (outcome == ClaimOutcome.PARTIAL_REFUND
                  && componentId.isEmpty()
                  && amount.isEmpty()) {
                line.rejectField(
                    "componentId", "or amount is required for a PARTIAL_REFUND (DOA-4)");
              }
              return outcome == null
                  ? null
                  : new RefundQuotes.ClaimQuote(
                      lineId, outcome, componentId.orElse(null), amount.orElse(null));
            });
    return claims.isEmpty() ? null : claims.getFirst();
  }

  private static String lineId(JsonBody line) {
    return line.requiredId("lineId");
  }
}
