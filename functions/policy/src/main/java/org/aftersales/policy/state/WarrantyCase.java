package org.aftersales.policy.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a warranty claim (WAR-1) carries beyond a DOA claim: the customer's preferred remedy (WAR-3,
 * or null), the remedies the agent ruled out with the reason stated (impossible or
 * disproportionate), the steps of its unit at the store (WAR-4) and the finding of a rejection
 * (WAR-3, WAR-5).
 */
public record WarrantyCase(
    Remedy preferredRemedy, Map<Remedy, String> ruledOut, List<RepairStep> steps, String finding) {

  public WarrantyCase {
    EnumMap<Remedy, String> copy = new EnumMap<>(Remedy.class);
    copy.putAll(ruledOut);
    ruledOut = Collections.unmodifiableMap(copy);
    steps = List.copyOf(steps);
  }

  /** A warranty claim just opened. */
  public static WarrantyCase opened(Remedy preferredRemedy) {
    return new WarrantyCase(preferredRemedy, Map.of(), List.of(), null);
  }

  /** WAR-4: a repair was tried and the unit found unrepairable. */
  public boolean repairFailed() {
    return steps.stream().anyMatch(s -> s.step() == RepairStep.Kind.UNREPAIRABLE);
  }

  /** WAR-3: a remedy is out when the agent ruled it out, or (a repair) when a repair failed. */
  public boolean isRuledOut(Remedy remedy) {
    return ruledOut.containsKey(remedy) || (remedy == Remedy.REPAIR && repairFailed());
  }

  /** WAR-4: whether the unit is at the store now (received, not shipped back). */
  public boolean unitAtStore() {
    boolean in = false;
    for (RepairStep s : steps) {
      if (s.step() == RepairStep.Kind.RECEIVED) {
        in = true;
      } else if (s.step() == RepairStep.Kind.SHIPPED_BACK) {
        in = false;
      }
    }
    return in;
  }

  public WarrantyCase withRuledOut(Map<Remedy, String> more) {
    EnumMap<Remedy, String> next = new EnumMap<>(Remedy.class);
    next.putAll(ruledOut);
    next.putAll(more);
    return new WarrantyCase(preferredRemedy, next, steps, finding);
  }

  public WarrantyCase withStep(RepairStep step) {
    List<RepairStep> next = new ArrayList<>(steps);
    next.add(step);
    return new WarrantyCase(preferredRemedy, ruledOut, next, finding);
  }

  public WarrantyCase withFinding(String newFinding) {
    return new WarrantyCase(preferredRemedy, ruledOut, steps, newFinding);
  }
}
