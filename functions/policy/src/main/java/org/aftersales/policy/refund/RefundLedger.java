package org.aftersales.policy.refund;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.policy.money.Money;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.pricing.OrderPricing;

/**
 * An order's refunds checked against GEN-4: Σ refunds ≤ paidTotal, and per unit Σ refund shares ≤
 * paid price + delivery share. A change's refund (CHG-3) lowered the unit's paid price instead (the
 * pricing is the unit as it is now, CHG-5), so it counts against the order total only: the unit's
 * ceiling already excludes it. Adding a refund whose id is already on the ledger is a no-op that
 * returns the one already there (retries, replays). Immutable: {@link #add} returns a new ledger.
 */
public final class RefundLedger {

  private final OrderPricing pricing;
  private final List<Refund> refunds;
  private final Map<UnitRef, Long> refundedByUnit;
  private final long refundedTotal;

  public RefundLedger(OrderPricing pricing, List<Refund> refunds) {
    this.pricing = pricing;
    this.refunds = List.copyOf(refunds);
    Map<UnitRef, Long> byUnit = new HashMap<>();
    long total = 0;
    for (Refund refund : this.refunds) {
      total = Math.addExact(total, refund.amount().amount());
      if (refund.source() == RefundSource.CHANGE) {
        continue;
      }
      for (UnitAmount u : refund.units()) {
        byUnit.merge(u.unit(), u.amount(), Math::addExact);
      }
    }
    this.refundedByUnit = Collections.unmodifiableMap(byUnit);
    this.refundedTotal = total;
  }

  /** The result of {@link #add}: the ledger after it, the refund on it, and whether it is new. */
  public record Entry(RefundLedger ledger, Refund refund, boolean added) {}

  public List<Refund> refunds() {
    return refunds;
  }

  public Optional<Refund> find(String refundId) {
    return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst();
  }

  public Money refundedTotal() {
    return Money.of(refundedTotal, pricing.currency());
  }

  /** paidTotal − refundedTotal: the most any further refunds may add up to. */
  public Money remaining() {
    return pricing.paidTotal().minus(refundedTotal);
  }

  public Money refundedFor(UnitRef unit) {
    return Money.of(refundedByUnit.getOrDefault(unit, 0L), pricing.currency());
  }

  /** The unit's ceiling (paid price + delivery share) minus what was already refunded for it. */
  public Money remainingFor(UnitRef unit) {
    return pricing.ceiling(unit).minus(refundedFor(unit));
  }

  /** What would be wrong with adding {@code refund} (empty: it fits under GEN-4). */
  public List<String> violations(Refund refund) {
    List<String> problems = new ArrayList<>();
    if (!refund.amount().currency().equals(pricing.currency())) {
      problems.add(
          "currency " + refund.amount().currency() + " is not the order's " + pricing.currency());
      return problems;
    }
    if (refund.amount().amount() > remaining().amount()) {
      problems.add(
          "amount "
              + refund.amount()
              + " exceeds what is left to refund on the order, "
              + remaining());
    }
    Map<UnitRef, Long> shares = new HashMap<>();
    for (UnitAmount u : refund.units()) {
      shares.merge(u.unit(), u.amount(), Math::addExact);
    }
    for (Map.Entry<UnitRef, Long> share : shares.entrySet()) {
      UnitRef unit = share.getKey();
      if (!pricing.hasUnit(unit)) {
        problems.add("unit " + unit + " is not part of the order");
        continue;
      }
      if (refund.source() == RefundSource.CHANGE) {
        continue;
      }
      Money left = remainingFor(unit);
      if (share.getValue() > left.amount()) {
        problems.add(
            "unit "
                + unit
                + " would be refunded "
                + share.getValue()
                + " but only "
                + left.amount()
                + " of its paid price and delivery share is left");
      }
    }
    return problems;
  }

  /**
   * Adds {@code refund}, or returns the refund already recorded under its id.
   *
   * @throws RefundCeilingExceededException if it would break GEN-4
   */
  public Entry add(Refund refund) {
    Optional<Refund> existing = find(refund.refundId());
    if (existing.isPresent()) {
      return new Entry(this, existing.get(), false);
    }
    List<String> problems = violations(refund);
    if (!problems.isEmpty()) {
      throw new RefundCeilingExceededException(refund.refundId(), problems);
    }
    List<Refund> more = new ArrayList<>(refunds);
    more.add(refund);
    return new Entry(new RefundLedger(pricing, more), refund, true);
  }
}
