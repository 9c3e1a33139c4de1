package org.aftersales.policy.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.document.ReturnAddress;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;

/**
 * An authorised return (RET-2): its RMA number, the units, where and by when to send them, what
 * must come back, the refund estimate, and where it is in its life ({@link ReturnStatus}). {@code
 * refundId} is set once refunded; {@code note} holds an override or rejection reason.
 */
public record ReturnCase(
    String returnId,
    String orderId,
    String rmaNumber,
    ReturnStatus status,
    List<ReturnItem> items,
    LocalDate sendBy,
    ReturnAddress returnAddress,
    List<MustInclude> mustInclude,
    List<String> instructions,
    Breakdown refundEstimate,
    Instant authorizedAt,
    Instant statusSince,
    String refundId,
    String note) {

  public ReturnCase {
    Objects.requireNonNull(returnId, "returnId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(status, "status");
    items = List.copyOf(items);
    mustInclude = List.copyOf(mustInclude);
    instructions = List.copyOf(instructions);
  }

  public List<UnitRef> units() {
    return items.stream().map(ReturnItem::unit).toList();
  }

  /** This return in {@code next} status since {@code at} (the caller checked the transition). */
  public ReturnCase withStatus(
      ReturnStatus next, Instant at, String refundIdOrNull, String noteOrNull) {
    return new ReturnCase(
        returnId,
        orderId,
        rmaNumber,
        next,
        items,
        sendBy,
        returnAddress,
        mustInclude,
        instructions,
        refundEstimate,
        authorizedAt,
        at,
        refundIdOrNull != null ? refundIdOrNull : refundId,
        noteOrNull != null ? noteOrNull : note);
  }
}
