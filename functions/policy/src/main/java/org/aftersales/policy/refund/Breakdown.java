package org.aftersales.policy.refund;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.money.Money;

/**
 * A refund's itemised breakdown (GEN-8): the lines the storefront shows as is, and their total.
 * Invariant: {@code total == Σ lines} (checked), all in one currency.
 */
public record Breakdown(List<BreakdownLine> lines, Money total) {
  public Breakdown {
    lines = List.copyOf(lines);
    Objects.requireNonNull(total, "total");
    Money sum = Money.zero(total.currency());
    for (BreakdownLine line : lines) {
      sum = sum.plus(line.amount());
    }
    if (!sum.equals(total)) {
      throw new IllegalArgumentException(
          "GEN-8: breakdown total " + total + " is not the sum of its lines " + sum);
    }
  }

  /** A breakdown whose total is the sum of {@code lines}. */
  public static Breakdown of(Currency currency, List<BreakdownLine> lines) {
    Money sum = Money.zero(currency);
    for (BreakdownLine line : lines) {
      sum = sum.plus(line.amount());
    }
    return new Breakdown(lines, sum);
  }

  /** This breakdown with one more line. */
  public Breakdown with(BreakdownLine line) {
    List<BreakdownLine> more = new ArrayList<>(lines);
    more.add(line);
    return new Breakdown(more, total.plus(line.amount()));
  }
}
