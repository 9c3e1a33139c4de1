package org.aftersales.policy.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An order as the storefront registers it (API {@code PUT /orders/{orderId}}). Amounts are minor
 * units of {@code currency} (GEN-1). The record accepts anything; {@link OrderValidation#validate}
 * says what is wrong, and the derived views below assume a valid spec.
 */
public record OrderSpec(String orderId, String customerId, Currency currency, Instant placedAt,
                        LocalDate expectedShipBy, List<LineSpec> lines, long orderDiscount,
                        long deliveryCharge, long paidTotal, List<ParcelSpec> parcels) {

    public OrderSpec {
        lines = Lists.copy(lines);
        parcels = Lists.copy(parcels);
    }

    public Optional<LineSpec> line(String lineId) {
        return lines.stream().filter(l -> l != null && l.lineId() != null && l.lineId().equals(lineId)).findFirst();
    }

    /** Every unit in line order, then index. */
    public List<UnitRef> units() {
        List<UnitRef> units = new ArrayList<>();
        for (LineSpec line : lines) {
            for (int i = 0; i < line.quantity(); i++) {
                units.add(new UnitRef(line.lineId(), i));
            }
        }
        return Collections.unmodifiableList(units);
    }

    /**
     * The units each parcel carries, parcels in their order: unit indexes of a line are given out
     * in parcel order, then parcel-line order.
     */
    public Map<String, List<UnitRef>> unitsByParcel() {
        Map<String, Integer> next = new LinkedHashMap<>();
        Map<String, List<UnitRef>> byParcel = new LinkedHashMap<>();
        for (ParcelSpec parcel : parcels) {
            List<UnitRef> units = new ArrayList<>();
            for (ParcelLine pl : parcel.lines()) {
                int start = next.getOrDefault(pl.lineId(), 0);
                for (int i = 0; i < pl.quantity(); i++) {
                    units.add(new UnitRef(pl.lineId(), start + i));
                }
                next.put(pl.lineId(), start + pl.quantity());
            }
            byParcel.put(parcel.parcelId(), Collections.unmodifiableList(units));
        }
        return Collections.unmodifiableMap(byParcel);
    }

    /** The parcel that carries each unit. */
    public Map<UnitRef, String> parcelOfUnit() {
        Map<UnitRef, String> parcelOf = new LinkedHashMap<>();
        unitsByParcel().forEach((parcelId, units) -> units.forEach(u -> parcelOf.put(u, parcelId)));
        return Collections.unmodifiableMap(parcelOf);
    }

    /** {@code Σ(unitPrice × quantity − discount + tax) − orderDiscount + deliveryCharge}. */
    public long expectedPaidTotal() {
        long sum = 0;
        for (LineSpec line : lines) {
            sum = Math.addExact(sum, Math.addExact(line.valueAfterLineDiscount(), line.tax()));
        }
        return Math.addExact(Math.subtractExact(sum, orderDiscount), deliveryCharge);
    }
}
