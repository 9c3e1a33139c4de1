package org.aftersales.policy.decision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aftersales.policy.decision.ChangePolicy.AddressRequest;
import org.aftersales.policy.decision.ChangePolicy.ChangeRequest;
import org.aftersales.policy.decision.ChangePolicy.UnitRequest;
import org.aftersales.policy.order.FieldError;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;

/**
 * Checks a change request before {@link ChangePolicy} decides it (CHG-1): what the request names
 * must exist on the order and fit its caps. Pure function; the decision itself is {@link
 * ChangePolicy#request}'s.
 */
public final class ChangeValidation {

  private ChangeValidation() {}

  /**
   * Every bad field of {@code request} against {@code order} (API {@code 400}): unknown lines and
   * parcels, unit indexes out of range, a unit or parcel named twice, another currency, replacement
   * items that are not valid one-unit lines (OrderValidation's caps), empty or oversized addresses.
   */
  public static List<FieldError> validate(Order order, ChangeRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request == null) {
      errors.add(new FieldError("", "the change is required"));
      return errors;
    }
    String currency = order.spec().currency().getCurrencyCode();
    if (request.currency() != null && !request.currency().equals(currency)) {
      errors.add(
          new FieldError("currency", "must be the order's currency " + currency + " (GEN-1)"));
    }
    if (request.units().isEmpty() && request.parcels().isEmpty()) {
      errors.add(
          new FieldError("units", "name at least one unit to replace or parcel to re-address"));
    }
    if (request.units().size() > OrderValidation.MAX_UNITS) {
      errors.add(
          new FieldError("units", "at most " + OrderValidation.MAX_UNITS + " units per change"));
    }
    Set<UnitRef> named = new HashSet<>();
    for (int i = 0; i < request.units().size(); i++) {
      String path = "units[" + i + "]";
      UnitRequest u = request.units().get(i);
      if (u == null) {
        errors.add(new FieldError(path, "is required"));
        continue;
      }
      if (u.lineId() == null || order.spec().line(u.lineId()).isEmpty()) {
        errors.add(new FieldError(path + ".lineId", "the order has no line " + u.lineId()));
      } else if (u.unitIndex() != null) {
        int quantity = order.spec().line(u.lineId()).orElseThrow().quantity();
        if (u.unitIndex() < 0 || u.unitIndex() >= quantity) {
          errors.add(
              new FieldError(
                  path + ".unitIndex",
                  "line "
                      + u.lineId()
                      + " has units 0.."
                      + (quantity - 1)
                      + ", not "
                      + u.unitIndex()));
        } else if (!named.add(new UnitRef(u.lineId(), u.unitIndex()))) {
          errors.add(
              new FieldError(
                  path, "unit " + u.unitIndex() + " of " + u.lineId() + " is named twice"));
        }
      } else {
        for (UnitRef unit : order.unitsOfLine(u.lineId())) {
          if (!named.add(unit)) {
            errors.add(new FieldError(path, "a unit of " + u.lineId() + " is named twice"));
            break;
          }
        }
      }
      errors.addAll(OrderValidation.validateItem(path + ".replaceWith", u.replaceWith()));
    }
    Set<String> parcels = new HashSet<>();
    for (int i = 0; i < request.parcels().size(); i++) {
      String path = "parcels[" + i + "]";
      AddressRequest p = request.parcels().get(i);
      if (p == null) {
        errors.add(new FieldError(path, "is required"));
        continue;
      }
      if (p.parcelId() == null || order.findParcel(p.parcelId()).isEmpty()) {
        errors.add(new FieldError(path + ".parcelId", "the order has no parcel " + p.parcelId()));
      } else if (!parcels.add(p.parcelId())) {
        errors.add(
            new FieldError(path + ".parcelId", "parcel " + p.parcelId() + " is named twice"));
      }
      OrderValidation.validateAddress(errors, path + ".deliveryAddress", p.deliveryAddress());
    }
    return errors;
  }
}
