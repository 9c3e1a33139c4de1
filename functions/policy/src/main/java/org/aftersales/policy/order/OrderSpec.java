package org.aftersales.policy.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.law.Buyer;
import org.aftersales.policy.law.ConsumerFacts;

/**
 * An order as the storefront registers it (API {@code PUT /orders/{orderId}}). Amounts are minor
 * units of {@code currency} (GEN-1). The spec accepts anything; {@link OrderValidation#validate}
 * says what is wrong, and the derived views below assume a valid spec.
 *
 * <p>Immutable value with record-like accessors, {@code equals} and {@code hashCode} over its
 * fields. It is a class rather than a record only so it can keep its derived views (units, units by
 * parcel, parcel of each unit): they are computed once, on first use, and shared by every caller —
 * an order of n units used to rebuild an O(n) map per unit looked up.
 */
public final class OrderSpec implements ConsumerFacts {

  private final String orderId;
  private final String customerId;
  private final Currency currency;
  private final Instant placedAt;
  private final LocalDate expectedShipBy;
  private final List<LineSpec> lines;
  private final long orderDiscount;
  private final long deliveryCharge;
  private final long paidTotal;
  private final List<ParcelSpec> parcels;
  private final Contact contact;
  private final Buyer buyer;
  private final String deliveryCountry;

  /** Computed on first use; immutable, so a race computes equal values and either one may win. */
  private volatile Derived derived;

  public OrderSpec(
      String orderId,
      String customerId,
      Currency currency,
      Instant placedAt,
      LocalDate expectedShipBy,
      List<LineSpec> lines,
      long orderDiscount,
      long deliveryCharge,
      long paidTotal,
      List<ParcelSpec> parcels) {
    this(
        orderId,
        customerId,
        currency,
        placedAt,
        expectedShipBy,
        lines,
        orderDiscount,
        deliveryCharge,
        paidTotal,
        parcels,
        null,
        Buyer.CONSUMER,
        null);
  }

  /**
   * @param contact how the customer is told (MSG-3), or {@code null}
   * @param buyer a consumer or a business; {@code null} is reported by {@link OrderValidation}
   * @param deliveryCountry ISO 3166-1 alpha-2 code of where the parcels go, or {@code null}; a
   *     parcel's address may name its own
   */
  public OrderSpec(
      String orderId,
      String customerId,
      Currency currency,
      Instant placedAt,
      LocalDate expectedShipBy,
      List<LineSpec> lines,
      long orderDiscount,
      long deliveryCharge,
      long paidTotal,
      List<ParcelSpec> parcels,
      Contact contact,
      Buyer buyer,
      String deliveryCountry) {
    this.orderId = orderId;
    this.customerId = customerId;
    this.currency = currency;
    this.placedAt = placedAt;
    this.expectedShipBy = expectedShipBy;
    this.lines = Lists.copy(lines);
    this.orderDiscount = orderDiscount;
    this.deliveryCharge = deliveryCharge;
    this.paidTotal = paidTotal;
    this.parcels = Lists.copy(parcels);
    this.contact = contact;
    this.buyer = buyer;
    this.deliveryCountry = deliveryCountry;
  }

  public String orderId() {
    return orderId;
  }

  public String customerId() {
    return customerId;
  }

  public Currency currency() {
    return currency;
  }

  public Instant placedAt() {
    return placedAt;
  }

  public LocalDate expectedShipBy() {
    return expectedShipBy;
  }

  public List<LineSpec> lines() {
    return lines;
  }

  public long orderDiscount() {
    return orderDiscount;
  }

  public long deliveryCharge() {
    return deliveryCharge;
  }

  public long paidTotal() {
    return paidTotal;
  }

  public List<ParcelSpec> parcels() {
    return parcels;
  }

  /** How the customer is told (MSG-3); none: no email. */
  public Optional<Contact> contact() {
    return Optional.ofNullable(contact);
  }

  /** A consumer (also when the storefront did not say) or a business. */
  @Override
  public Buyer buyer() {
    return buyer;
  }

  /** The order's delivery country (ISO 3166-1 alpha-2), or null when the storefront gave none. */
  @Override
  public String deliveryCountry() {
    return deliveryCountry;
  }

  /**
   * The country of the parcel's registered address, or null when it names none ({@link
   * org.aftersales.policy.law.Jurisdiction#ofParcel} then takes the order's).
   */
  @Override
  public String parcelCountry(String parcelId) {
    return parcels.stream()
        .filter(p -> p != null && Objects.equals(p.parcelId(), parcelId))
        .findFirst()
        .flatMap(ParcelSpec::country)
        .orElse(null);
  }

  /**
   * This spec with the contact's language filled in when it names none (API: "default the policy's
   * language"); the same spec when there is no contact or it has a language.
   */
  public OrderSpec withContactLanguageOr(String language) {
    if (contact == null || contact.language() != null) {
      return this;
    }
    return new OrderSpec(
        orderId,
        customerId,
        currency,
        placedAt,
        expectedShipBy,
        lines,
        orderDiscount,
        deliveryCharge,
        paidTotal,
        parcels,
        contact.withLanguageOr(language),
        buyer,
        deliveryCountry);
  }

  public Optional<LineSpec> line(String lineId) {
    return lines.stream()
        .filter(l -> l != null && l.lineId() != null && l.lineId().equals(lineId))
        .findFirst();
  }

  /** Every unit in line order, then index (computed once). */
  public List<UnitRef> units() {
    return derived().units;
  }

  /**
   * The units each parcel carries, parcels in their order: unit indexes of a line are given out in
   * parcel order, then parcel-line order (computed once).
   */
  public Map<String, List<UnitRef>> unitsByParcel() {
    return derived().unitsByParcel;
  }

  /** The parcel that carries each unit (computed once). */
  public Map<UnitRef, String> parcelOfUnit() {
    return derived().parcelOfUnit;
  }

  private Derived derived() {
    Derived d = derived;
    if (d == null) {
      d = new Derived(this);
      derived = d;
    }
    return d;
  }

  /** The views derived from lines and parcels, all unmodifiable. */
  private static final class Derived {
    final List<UnitRef> units;
    final Map<String, List<UnitRef>> unitsByParcel;
    final Map<UnitRef, String> parcelOfUnit;

    Derived(OrderSpec spec) {
      List<UnitRef> all = new ArrayList<>();
      for (LineSpec line : spec.lines) {
        for (int i = 0; i < line.quantity(); i++) {
          all.add(new UnitRef(line.lineId(), i));
        }
      }
      Map<String, Integer> next = new LinkedHashMap<>();
      Map<String, List<UnitRef>> byParcel = new LinkedHashMap<>();
      Map<UnitRef, String> parcelOf = new LinkedHashMap<>();
      for (ParcelSpec parcel : spec.parcels) {
        List<UnitRef> carried = new ArrayList<>();
        for (ParcelLine pl : parcel.lines()) {
          int start = next.getOrDefault(pl.lineId(), 0);
          for (int i = 0; i < pl.quantity(); i++) {
            UnitRef unit = new UnitRef(pl.lineId(), start + i);
            carried.add(unit);
            parcelOf.put(unit, parcel.parcelId());
          }
          next.put(pl.lineId(), start + pl.quantity());
        }
        byParcel.put(parcel.parcelId(), Collections.unmodifiableList(carried));
      }
      this.units = Collections.unmodifiableList(all);
      this.unitsByParcel = Collections.unmodifiableMap(byParcel);
      this.parcelOfUnit = Collections.unmodifiableMap(parcelOf);
    }
  }

  /** {@code Σ(unitPrice × quantity − discount + tax) − orderDiscount + deliveryCharge}. */
  public long expectedPaidTotal() {
    long sum = 0;
    for (LineSpec line : lines) {
      sum = Math.addExact(sum, Math.addExact(line.valueAfterLineDiscount(), line.tax()));
    }
    return Math.addExact(Math.subtractExact(sum, orderDiscount), deliveryCharge);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrderSpec other
        && orderDiscount == other.orderDiscount
        && deliveryCharge == other.deliveryCharge
        && paidTotal == other.paidTotal
        && Objects.equals(orderId, other.orderId)
        && Objects.equals(customerId, other.customerId)
        && Objects.equals(currency, other.currency)
        && Objects.equals(placedAt, other.placedAt)
        && Objects.equals(expectedShipBy, other.expectedShipBy)
        && lines.equals(other.lines)
        && parcels.equals(other.parcels)
        && Objects.equals(contact, other.contact)
        && buyer == other.buyer
        && Objects.equals(deliveryCountry, other.deliveryCountry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        orderId,
        customerId,
        currency,
        placedAt,
        expectedShipBy,
        lines,
        orderDiscount,
        deliveryCharge,
        paidTotal,
        parcels,
        contact,
        buyer,
        deliveryCountry);
  }

  @Override
  public String toString() {
    return "OrderSpec[orderId="
        + orderId
        + ", customerId="
        + customerId
        + ", currency="
        + currency
        + ", placedAt="
        + placedAt
        + ", expectedShipBy="
        + expectedShipBy
        + ", lines="
        + lines
        + ", orderDiscount="
        + orderDiscount
        + ", deliveryCharge="
        + deliveryCharge
        + ", paidTotal="
        + paidTotal
        + ", parcels="
        + parcels
        + ", contact="
        + (contact == null ? null : "present")
        + ", buyer="
        + buyer
        + ", deliveryCountry="
        + deliveryCountry
        + "]";
  }
}
