package org.aftersales.policy.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Why a decision came out as it did (GEN-8): the rules it applied, one plain-language line each, in
 * the order they were applied.
 */
public record Explanation(List<RuleLine> lines) {
  public Explanation {
    lines = List.copyOf(lines);
  }

  public static Explanation of(String ruleId, String text) {
    return new Explanation(List.of(new RuleLine(ruleId, text)));
  }

  public static Explanation empty() {
    return new Explanation(List.of());
  }

  /** This explanation with one more line. */
  public Explanation and(String ruleId, String text) {
    List<RuleLine> more = new ArrayList<>(lines);
    more.add(new RuleLine(ruleId, text));
    return new Explanation(more);
  }

  public Explanation and(Explanation other) {
    List<RuleLine> more = new ArrayList<>(lines);
    more.addAll(other.lines);
    return new Explanation(more);
  }

  /** The distinct rule ids, in order of first use. */
  public List<String> ruleIds() {
    return List.copyOf(new LinkedHashSet<>(lines.stream().map(RuleLine::ruleId).toList()));
  }
}
