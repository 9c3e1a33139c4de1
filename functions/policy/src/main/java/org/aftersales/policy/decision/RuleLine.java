package org.aftersales.policy.decision;

import java.util.Objects;

/** One rule applied by a decision and what it meant here, in plain language (GEN-8). */
public record RuleLine(String ruleId, String text) {
  public RuleLine {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(text, "text");
  }
}
