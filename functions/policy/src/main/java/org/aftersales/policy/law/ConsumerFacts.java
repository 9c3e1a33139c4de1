package org.aftersales.policy.law;

import java.util.Map;

/**
 * What an order says about its buyer and where it goes (API {@code PUT /orders} optional fields
 * {@code buyer}, {@code deliveryCountry} and a parcel's {@code deliveryAddress.country}). An order
 * that says nothing is {@link #UNKNOWN}: a consumer with no known country, judged by the store's
 * terms alone.
 */
public interface ConsumerFacts {

  /** The order's buyer (default {@link Buyer#CONSUMER}). */
  Buyer buyer();

  /** The order's delivery country, or null. */
  String deliveryCountry();

  /** The country of a parcel's delivery address, or null when it has none of its own. */
  String parcelCountry(String parcelId);

  /** An order that names neither buyer nor country. */
  ConsumerFacts UNKNOWN = of(Buyer.CONSUMER, null);

  /** A buyer and an order-level country, no parcel address of its own. */
  static ConsumerFacts of(Buyer buyer, String deliveryCountry) {
    return of(buyer, deliveryCountry, Map.of());
  }

  /** A buyer, an order-level country and the address country of some parcels (by parcel id). */
  static ConsumerFacts of(Buyer buyer, String deliveryCountry, Map<String, String> parcelCountry) {
    Map<String, String> parcels = Map.copyOf(parcelCountry);
    return new ConsumerFacts() {
      @Override
      public Buyer buyer() {
        return buyer;
      }

      @Override
      public String deliveryCountry() {
        return deliveryCountry;
      }

      @Override
      public String parcelCountry(String parcelId) {
        return parcels.get(parcelId);
      }
    };
  }
}
