package org.aftersales.policy.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Breakdown;
import org.aftersales.policy.refund.BreakdownLine;

/**
 * One change before processing as the order's history keeps it (CHG-1…CHG-5): who asked when, each
 * unit's item from → to, each parcel's delivery address from → to, the difference (new paid price −
 * old paid price, CHG-2), and how it stands (CHG-3): APPLIED (with the refund id of a cheaper
 * change), AWAITING_PAYMENT until {@code payBy}, or LAPSED. {@code paidAmount} is what the payment
 * integration confirmed for a dearer change (0 otherwise): it adds to what was paid (GEN-4).
 */
public record OrderChange(
    String changeId,
    Instant requestedAt,
    String requestedBy,
    ChangeStatus status,
    List<UnitChange> units,
    List<AddressChange> parcels,
    Money difference,
    Instant payBy,
    String refundId,
    String paymentReference,
    long paidAmount,
    Instant decidedAt,
    String lapseReason) {

  /** One unit's item replaced (CHG-1): both are one-unit items of the unit's line. */
  public record UnitChange(UnitRef unit, LineSpec from, LineSpec to) {
    public UnitChange {
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    /**
     * CHG-2: the unit keeps its order-discount and delivery shares, so its paid price moves by
     * exactly the difference of the items' own prices (unit price − line discount + tax).
     */
    public long difference() {
      return Math.subtractExact(to.ownPrice(), from.ownPrice());
    }
  }

  /** A parcel's delivery address changed (CHG-1); {@code from} is empty when none was recorded. */
  public record AddressChange(String parcelId, Map<String, String> from, Map<String, String> to) {
    public AddressChange {
      Objects.requireNonNull(parcelId, "parcelId");
      from = Collections.unmodifiableMap(new LinkedHashMap<>(from));
      to = Collections.unmodifiableMap(new LinkedHashMap<>(to));
    }
  }

  public OrderChange {
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(difference, "difference");
    units = List.copyOf(units);
    parcels = List.copyOf(parcels);
    long sum = 0;
    for (UnitChange u : units) {
      sum = Math.addExact(sum, u.difference());
    }
    if (sum != difference.amount()) {
      throw new IllegalArgumentException(
          "CHG-2: change " + changeId + " difference " + difference + " is not Σ units " + sum);
    }
    if (status == ChangeStatus.AWAITING_PAYMENT && (payBy == null || !difference.isPositive())) {
      throw new IllegalArgumentException(
          "CHG-3: only a dearer change awaits payment, and until a payBy");
    }
  }

  /** CHG-3: what the customer still has to pay (the difference while awaiting payment). */
  public Money amountDue() {
    return status == ChangeStatus.AWAITING_PAYMENT ? difference : Money.zero(difference.currency());
  }

  public OrderChange applied(Instant at, String reference, long paid) {
    return new OrderChange(
        changeId,
        requestedAt,
        requestedBy,
        ChangeStatus.APPLIED,
        units,
        parcels,
        difference,
        payBy,
        refundId,
        reference,
        paid,
        at,
        null);
  }

  public OrderChange withRefundId(String id) {
    return new OrderChange(
        changeId,
        requestedAt,
        requestedBy,
        status,
        units,
        parcels,
        difference,
        payBy,
        id,
        paymentReference,
        paidAmount,
        decidedAt,
        lapseReason);
  }

  public OrderChange lapsed(Instant at, String reason) {
    return new OrderChange(
        changeId,
        requestedAt,
        requestedBy,
        ChangeStatus.LAPSED,
        units,
        parcels,
        difference,
        payBy,
        refundId,
        paymentReference,
        paidAmount,
        at,
        reason);
  }

  /**
   * GEN-8: the difference itemised as the customer sees it: the new item's own price, the replaced
   * item's own price taken off, per unit; total = the difference.
   */
  public Breakdown breakdown() {
    List<BreakdownLine> lines = new ArrayList<>();
    for (UnitChange u : units) {
      lines.add(
          BreakdownLine.of(
              "Price of 1 × " + u.to().name() + " (new item)",
              Money.of(u.to().ownPrice(), difference.currency()),
              "CHG-2"));
      lines.add(
          BreakdownLine.of(
              "Price of 1 × " + u.from().name() + " (replaced item)",
              Money.of(-u.from().ownPrice(), difference.currency()),
              "CHG-2"));
    }
    return Breakdown.of(difference.currency(), lines);
  }
}
