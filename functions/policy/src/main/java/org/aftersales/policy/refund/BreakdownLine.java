package org.aftersales.policy.refund;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.money.Money;

/**
 * One line of a refund's itemised breakdown (GEN-8), in words a customer understands ("Paid price
 * of 1 × HDMI switch"); deductions are negative and say why.
 */
public record BreakdownLine(String label, Money amount, List<String> ruleIds) {
  public BreakdownLine {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(amount, "amount");
    ruleIds = List.copyOf(ruleIds);
  }

  public static BreakdownLine of(String label, Money amount, String... ruleIds) {
    return new BreakdownLine(label, amount, List.of(ruleIds));
  }

  /**
   * GEN-4: what earlier refunds already paid for {@code items} ("these items", "this HDMI switch"),
   * taken off as {@code amount} (negative); cited under {@code rules} and then GEN-4.
   */
  public static BreakdownLine alreadyRefunded(String items, Money amount, String... rules) {
    List<String> ruleIds = new ArrayList<>(List.of(rules));
    ruleIds.add("GEN-4");
    return new BreakdownLine("Already refunded earlier for " + items, amount, ruleIds);
  }
}
