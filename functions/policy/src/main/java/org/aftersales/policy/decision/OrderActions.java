package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.calendar.Window;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.ItemCondition;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnReason;
import org.aftersales.policy.state.UnitStatus;

/**
 * What the customer may do now with each unit of an order, and until when (API {@code GET
 * /orders/{orderId}} {@code actions}): cancel (CAN-1, CAN-3; not a unit already cancelled, CAN-8),
 * return (RET-1: an unwanted mint item; until the last day of the window), claim (WAR-1: DOA until
 * the last day of the DOA window, then the warranty of the category until its last day; {@code
 * coverage} says which), change (CHG-1; until the parcel is processed, which has no date: its
 * message says so). Units with the same line, item as it is now (CHG-5), parcel, status and actions
 * are grouped. Pure.
 */
public final class OrderActions {

  private OrderActions() {}

  /**
   * One action: allowed or not, its last day when windowed, the rules, and the refusal's
   * code/message if not.
   */
  public record Action(
      boolean allowed,
      LocalDate until,
      List<String> ruleIds,
      String code,
      String message,
      ClaimCoverage.Kind coverage) {
    public Action {
      ruleIds = List.copyOf(ruleIds);
    }

    /** An action that is not a claim (no coverage). */
    public Action(
        boolean allowed, LocalDate until, List<String> ruleIds, String code, String message) {
      this(allowed, until, ruleIds, code, message, null);
    }

    static Action of(Decision<?> decision, LocalDate until) {
      if (decision.accepted()) {
        return new Action(true, until, decision.ruleIds(), null, null);
      }
      return new Action(
          false,
          null,
          decision.ruleIds(),
          decision.refusal().code().code(),
          decision.refusal().message());
    }
  }

  /**
   * The actions of {@code quantity} units of a line in one parcel that are in the same situation.
   */
  public record UnitGroupActions(
      String lineId,
      String parcelId,
      int quantity,
      List<UnitRef> units,
      UnitStatus status,
      Action cancel,
      Action returnItem,
      Action claim,
      Action change) {
    public UnitGroupActions {
      units = List.copyOf(units);
    }
  }

  public static List<UnitGroupActions> of(Order order, PolicyDocument policy, Instant now) {
    Map<List<Object>, List<UnitRef>> groups = new LinkedHashMap<>();
    Map<List<Object>, Action[]> actions = new LinkedHashMap<>();
    for (UnitRef unit : order.units().keySet()) {
      Action cancel = cancel(order, policy, unit, now);
      Optional<Window> returnWindow = ReturnPolicy.returnWindow(order, policy, unit);
      Action ret =
          Action.of(
              ReturnPolicy.check(
                  order, policy, unit, ReturnReason.UNWANTED, ItemCondition.MINT_UNUSED, now),
              returnWindow.map(Window::lastDay).orElse(null));
      Action claim = claim(order, policy, unit, now);
      Action change = change(order, unit);
      LineSpec item = order.itemOf(unit);
      List<Object> key =
          List.of(
              unit.lineId(),
              order.parcelOf(unit).parcelId(),
              order.statusOf(unit),
              cancel,
              ret,
              claim,
              change,
              List.of(item.sku(), item.name(), item.unitPrice()));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(unit);
      actions.putIfAbsent(key, new Action[] {cancel, ret, claim, change});
    }
    List<UnitGroupActions> out = new ArrayList<>();
    groups.forEach(
        (key, units) -> {
          Action[] a = actions.get(key);
          out.add(
              new UnitGroupActions(
                  (String) key.get(0),
                  (String) key.get(1),
                  units.size(),
                  units,
                  (UnitStatus) key.get(2),
                  a[0],
                  a[1],
                  a[2],
                  a[3]));
        });
    return out;
  }

  /**
   * CAN-1, CAN-3: whether the unit can be cancelled now. A cancelled unit can not be cancelled
   * again (CAN-8: asking again changes nothing), so its group offers no cancellation and the units
   * a group offers are exactly those a cancellation would take now.
   */
  static Action cancel(Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    if (order.statusOf(unit) == UnitStatus.CANCELLED) {
      return new Action(
          false,
          null,
          List.of("CAN-8"),
          RefusalCode.NOTHING_TO_CANCEL.code(),
          "This item is already cancelled.");
    }
    return Action.of(CancellationPolicy.check(order, policy, unit, now), null);
  }

  /** CHG-1: a change is possible for an ACTIVE unit until its parcel is processed. */
  static Action change(Order order, UnitRef unit) {
    Decision<UnitRef> d = ChangePolicy.check(order, unit);
    if (d.accepted()) {
      return new Action(true, null, d.ruleIds(), null, d.explanation().lines().get(0).text());
    }
    return Action.of(d, null);
  }

  /**
   * WAR-1: a problem can be reported for an ACTIVE, delivered unit while a guarantee covers it: the
   * coverage it would get now (DOA until the last day of the DOA window, else WARRANTY until the
   * warranty's last day, WAR-4's repairs included); else why not (WAR-6: the unit is in another
   * claim or return; GEN-6: not delivered; not-covered: every window ended).
   */
  static Action claim(Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    Objects.requireNonNull(now, "now");
    if (order.statusOf(unit) != UnitStatus.ACTIVE) {
      return new Action(
          false,
          null,
          List.of("DOA-1", "WAR-6"),
          RefusalCode.NOT_RETURNABLE_NOW.code(),
          "This item is cancelled, returned or already in a return or claim.");
    }
    Decision<ClaimCoverage> coverage = WarrantyPolicy.coverage(order, policy, unit, now);
    if (!coverage.accepted()) {
      return Action.of(coverage, null);
    }
    ClaimCoverage c = coverage.value();
    return new Action(
        true,
        c.until(),
        c.ruleIds(),
        null,
        coverage.explanation().lines().getFirst().text(),
        c.kind());
  }
}
