package org.aftersales.policy.order;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parcel of the order as planned at registration: which units of which lines it carries, and
 * optionally where it goes ({@code deliveryAddress}: string fields, the same shape a change of
 * address has (CHG-1); its {@code country}, an ISO 3166-1 alpha-2 code, overrides the order's
 * {@code deliveryCountry} for this parcel).
 */
public record ParcelSpec(
    String parcelId, List<ParcelLine> lines, Map<String, String> deliveryAddress) {

  /** The address field naming the parcel's country. */
  public static final String COUNTRY = "country";

  public ParcelSpec {
    lines = Lists.copy(lines);
    deliveryAddress =
        deliveryAddress == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(deliveryAddress));
  }

  /** A parcel registered without an address. */
  public ParcelSpec(String parcelId, List<ParcelLine> lines) {
    this(parcelId, lines, Map.of());
  }

  /** The country its registered address names, if any. */
  public Optional<String> country() {
    return Optional.ofNullable(deliveryAddress.get(COUNTRY));
  }
}
