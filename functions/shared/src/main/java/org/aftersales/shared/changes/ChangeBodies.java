package org.aftersales.shared.changes;

import java.util.List;
import java.util.Map;
import org.aftersales.policy.decision.ChangePolicy;
import org.aftersales.policy.decision.ChangeValidation;
import org.aftersales.policy.order.ComponentSpec;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.OrderValidation;
import org.aftersales.shared.json.JsonBody;

/**
 * Reads a change before processing (API {@code POST /orders/{orderId}/changes}, and the {@code
 * CHANGE} kind of {@code POST /refunds/quote}): {@code {"units"?: [{"lineId", "unitIndex"?,
 * "replaceWith": {"sku", "name", "category", "unitPrice", "discount"?, "tax"?, "components"?}}],
 * "parcels"?: [{"parcelId", "deliveryAddress": {…string fields}}], "currency"?}}. Types and formats
 * are checked here, every bad field collected into the body's errors; what depends on the order
 * (lines, indexes, caps) is {@link ChangeValidation#validate}'s.
 */
public final class ChangeBodies {

  private ChangeBodies() {}

  /** Reads the change fields of {@code json}; the caller calls {@code throwIfInvalid}. */
  public static ChangePolicy.ChangeRequest read(JsonBody json) {
    List<ChangePolicy.UnitRequest> units =
        json.optionalArray("units", ChangeBodies::unit).orElse(List.of());
    List<ChangePolicy.AddressRequest> parcels =
        json.optionalArray("parcels", ChangeBodies::parcel).orElse(List.of());
    String currency = json.node().has("currency") ? json.requiredCurrency("currency") : null;
    return new ChangePolicy.ChangeRequest(units, parcels, currency);
  }

  private static ChangePolicy.UnitRequest unit(JsonBody item, String path) {
    return new ChangePolicy.UnitRequest(
        item.requiredString("lineId", OrderValidation.MAX_ID_LENGTH),
        item.optionalInt("unitIndex", 0, OrderValidation.MAX_UNITS).orElse(null),
        item.requiredObject("replaceWith", ChangeBodies::replacement));
  }

  private static LineSpec replacement(JsonBody item) {
    return new LineSpec(
        null,
        item.requiredString("sku", OrderValidation.MAX_TEXT_BYTES),
        item.requiredString("name", OrderValidation.MAX_TEXT_BYTES),
        item.requiredString("category", OrderValidation.MAX_TEXT_BYTES),
        1,
        item.requiredAmount("unitPrice"),
        item.optionalAmount("discount").orElse(0L),
        item.optionalAmount("tax").orElse(0L),
        item.optionalArray(
                "components",
                (c, p) ->
                    new ComponentSpec(
                        c.requiredString("componentId", OrderValidation.MAX_ID_LENGTH),
                        c.requiredString("name", OrderValidation.MAX_TEXT_BYTES),
                        c.requiredAmount("price")))
            .orElse(List.of()));
  }

  private static ChangePolicy.AddressRequest parcel(JsonBody item, String path) {
    String parcelId = item.requiredString("parcelId", OrderValidation.MAX_ID_LENGTH);
    Map<String, String> address = item.requiredStringMap("deliveryAddress");
    return new ChangePolicy.AddressRequest(parcelId, address);
  }
}
