package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.refund.RefundSource;
import org.aftersales.policy.state.InspectedCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * Receipt and inspection of an authorised return (RET-6): if any unit is not mint the return is
 * REJECTED with no refund (its units become ACTIVE again) unless an agent overrides with a stated
 * reason; otherwise it is REFUNDED per RET-4/RET-5 (units RETURNED, refund on the ledger, due per
 * GEN-5). Pure.
 */
public final class InspectionPolicy {

  private InspectionPolicy() {}

  /**
   * RET-6: why a return found not mint (and not overridden) is refused, in the customer's words.
   */
  public static Explanation notMint() {
    return Explanation.of(
        "RET-6",
        "On inspection the item was not in mint condition, so the"
            + " return is refused and there is no refund; customer care will contact you about the item.");
  }

  /**
   * What the warehouse found for one unit; {@code deduction} the diminished value it states for a
   * withdrawal's unit (LAW-2, Art. 14(2)), or null; {@code sealed} whether a withdrawn unit of a
   * category Art. 16(e) or (i) excludes once unsealed came back still sealed (LAW-1), null when not
   * stated.
   */
  public record UnitInspection(
      UnitRef unit,
      InspectedCondition condition,
      List<String> missingComponents,
      WithdrawalPolicy.Deduction deduction,
      Boolean sealed) {
    public UnitInspection {
      missingComponents = missingComponents == null ? List.of() : List.copyOf(missingComponents);
    }

    public UnitInspection(
        UnitRef unit,
        InspectedCondition condition,
        List<String> missingComponents,
        WithdrawalPolicy.Deduction deduction) {
      this(unit, condition, missingComponents, deduction, null);
    }

    public UnitInspection(
        UnitRef unit, InspectedCondition condition, List<String> missingComponents) {
      this(unit, condition, missingComponents, null);
    }
  }

  /**
   * What the warehouse reports per received item (API receipt {@code units[]}: by line, not by
   * unit).
   */
  public record LineInspection(
      String lineId,
      InspectedCondition condition,
      List<String> missingComponents,
      WithdrawalPolicy.Deduction deduction,
      Boolean sealed) {
    public LineInspection {
      missingComponents = missingComponents == null ? List.of() : List.copyOf(missingComponents);
    }

    public LineInspection(
        String lineId,
        InspectedCondition condition,
        List<String> missingComponents,
        WithdrawalPolicy.Deduction deduction) {
      this(lineId, condition, missingComponents, deduction, null);
    }

    public LineInspection(
        String lineId, InspectedCondition condition, List<String> missingComponents) {
      this(lineId, condition, missingComponents, null);
    }
  }

  /**
   * Maps per-line reports onto the return's units: the k-th report of a line goes to the k-th unit
   * of that line in the return.
   */
  public static Decision<List<UnitInspection>> assign(
      ReturnCase returnCase, List<LineInspection> reports) {
    Map<String, List<UnitRef>> byLine = RefundLines.byLine(returnCase.units());
    Map<String, Integer> used = new HashMap<>();
    List<UnitInspection> out = new ArrayList<>();
    for (LineInspection report : reports) {
      List<UnitRef> units = byLine.getOrDefault(report.lineId(), List.of());
      int k = used.merge(report.lineId(), 1, Integer::sum) - 1;
      if (k >= units.size()) {
        return Decision.refuseInput(
            "units",
            "RET-6",
            "Return "
                + returnCase.returnId()
                + " has "
                + units.size()
                + " unit(s) of line "
                + report.lineId()
                + ", more were reported.");
      }
      out.add(
          new UnitInspection(
              units.get(k),
              report.condition(),
              report.missingComponents(),
              report.deduction(),
              report.sealed()));
    }
    return Decision.accept(
        out, Explanation.of("RET-6", "Inspection reports matched to the returned units."));
  }

  /**
   * Records receipt and inspection of {@code returnCase}. Every unit of the return must be
   * inspected once.
   *
   * @param overrideReason an agent's reason to refund despite a NOT_MINT finding, or null
   */
  public static Decision<ReturnUpdate> receive(
      ReturnCase returnCase,
      Order order,
      PolicyDocument policy,
      List<UnitInspection> inspections,
      String overrideReason,
      Instant now) {
    Decision<ReturnStatus> received = returnCase.status().moveTo(ReturnStatus.RECEIVED);
    if (!received.accepted()) {
      return Decision.refuse(received.refusal());
    }
    Set<UnitRef> expected = new HashSet<>(returnCase.units());
    Set<UnitRef> seen = new HashSet<>();
    Map<UnitRef, List<String>> missing = new LinkedHashMap<>();
    boolean allMint = true;
    for (UnitInspection inspection : inspections) {
      if (inspection == null
          || inspection.unit() == null
          || inspection.condition() == null
          || !expected.contains(inspection.unit())
          || !seen.add(inspection.unit())) {
        return notEachUnitOnce(returnCase);
      }
      LineSpec line = order.itemOf(inspection.unit()); // CHG-5: its components now
      if (new HashSet<>(inspection.missingComponents()).size()
          != inspection.missingComponents().size()) {
        return Decision.refuseInput(
            "units[].missingComponents",
            "RET-5",
            "A missing component is listed"
                + " once per unit: each is charged once at its listed price.");
      }
      for (String componentId : inspection.missingComponents()) {
        if (line.component(componentId).isEmpty()) {
          return Decision.refuseInput(
              "units[].missingComponents",
              "RET-5",
              line.name() + " has no component " + componentId + ".");
        }
      }
      missing.put(inspection.unit(), inspection.missingComponents());
      allMint &= inspection.condition() == InspectedCondition.MINT;
    }
    if (!seen.equals(expected)) {
      return notEachUnitOnce(returnCase);
    }
    boolean overridden = !allMint && overrideReason != null && !overrideReason.isBlank();
    Map<UnitRef, UnitStatus> changes = new LinkedHashMap<>();
    if (!allMint && !overridden) {
      returnCase.units().forEach(u -> changes.put(u, UnitStatus.ACTIVE));
      Explanation why = notMint();
      return Decision.accept(
          new ReturnUpdate(
              returnCase.withStatus(ReturnStatus.REJECTED, now, null, "not-mint"),
              order.withUnitStatuses(changes),
              null,
              why),
          why);
    }
    ReturnPolicy.ReturnRefund computed = ReturnPolicy.refund(order, returnCase.units(), missing);
    LocalDate dueBy = policy.refundDueBy(now);
    Refund refund =
        Refund.pending(
            order.orderId(),
            RefundSource.RETURN,
            returnCase.returnId(),
            now,
            dueBy,
            computed.breakdown(),
            computed.units());
    returnCase.units().forEach(u -> changes.put(u, UnitStatus.RETURNED));
    Order.RefundResult result = order.withUnitStatuses(changes).addRefund(refund);
    Explanation why =
        overridden
            ? Explanation.of(
                "RET-6",
                "Not in mint condition, but refunded by an agent's decision: " + overrideReason)
            : Explanation.of("RET-6", "On inspection the item was in mint condition.");
    why = why.and("RET-4", "Refund: the paid price minus the delivery charges.");
    if (missing.values().stream().anyMatch(l -> !l.isEmpty())) {
      why = why.and("RET-5", "Missing parts are charged at their listed price.");
    }
    why = why.and(RuleTexts.refundDue(result.refund(), policy));
    ReturnCase refunded =
        returnCase.withStatus(
            ReturnStatus.REFUNDED,
            now,
            result.refund().refundId(),
            overridden ? "override: " + overrideReason : null);
    return Decision.accept(new ReturnUpdate(refunded, result.order(), result.refund(), why), why);
  }

  /** RET-6: the inspection must name each unit of the return once, with its condition. */
  private static <T> Decision<T> notEachUnitOnce(ReturnCase returnCase) {
    return Decision.refuseInput(
        "units",
        "RET-6",
        "Each unit of return "
            + returnCase.returnId()
            + " must be inspected exactly once, with its condition.");
  }
}
