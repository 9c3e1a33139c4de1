package org.aftersales.policy.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.money.Money;

/**
 * A refund granted on an order's ledger. {@code refundId} comes from its cause ({@link
 * RefundIds#of}), so a retried step finds it again. {@code amount == breakdown.total == Σ units}
 * (checked). {@code dueBy} is the GEN-5 deadline; {@code settledAt} and {@code paymentReference}
 * are null until SETTLED.
 */
public record Refund(
    String refundId,
    String orderId,
    RefundSource source,
    String sourceId,
    Money amount,
    RefundStatus status,
    Instant grantedAt,
    LocalDate dueBy,
    Breakdown breakdown,
    List<UnitAmount> units,
    Instant settledAt,
    String paymentReference) {

  public Refund {
    Objects.requireNonNull(refundId, "refundId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(dueBy, "dueBy");
    Objects.requireNonNull(breakdown, "breakdown");
    units = List.copyOf(units);
    if (amount.isNegative()) {
      throw new IllegalArgumentException("GEN-4: a refund can not be negative: " + amount);
    }
    if (!breakdown.total().equals(amount)) {
      throw new IllegalArgumentException(
          "GEN-8: refund "
              + refundId
              + " amount "
              + amount
              + " differs from its breakdown total "
              + breakdown.total());
    }
    long sum = 0;
    for (UnitAmount u : units) {
      sum = Math.addExact(sum, u.amount());
    }
    if (sum != amount.amount()) {
      throw new IllegalArgumentException(
          "GEN-4: refund "
              + refundId
              + " amount "
              + amount.amount()
              + " differs from the sum of its unit shares "
              + sum);
    }
    if (status == RefundStatus.SETTLED && settledAt == null) {
      throw new IllegalArgumentException("a SETTLED refund has a settledAt");
    }
  }

  /** A new PENDING refund. */
  public static Refund pending(
      String orderId,
      RefundSource source,
      String sourceId,
      Instant grantedAt,
      LocalDate dueBy,
      Breakdown breakdown,
      List<UnitAmount> units) {
    return new Refund(
        RefundIds.of(source, sourceId),
        orderId,
        source,
        sourceId,
        breakdown.total(),
        RefundStatus.PENDING,
        grantedAt,
        dueBy,
        breakdown,
        units,
        null,
        null);
  }

  /** This refund settled by the payment integration. */
  public Refund settled(Instant at, String reference) {
    Objects.requireNonNull(at, "settledAt");
    return new Refund(
        refundId,
        orderId,
        source,
        sourceId,
        amount,
        RefundStatus.SETTLED,
        grantedAt,
        dueBy,
        breakdown,
        units,
        at,
        reference);
  }

  /**
   * GEN-5: still unsettled after the end of its {@code dueBy} day ({@code today} in the store
   * zone).
   */
  public boolean isPastDue(LocalDate today) {
    return status == RefundStatus.PENDING && today.isAfter(dueBy);
  }
}
