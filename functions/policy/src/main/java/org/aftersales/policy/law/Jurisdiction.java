package org.aftersales.policy.law;

import java.util.Objects;

/**
 * Whether the EU consumer layer (LAW-1…LAW-5) applies to an order or one of its parcels: the buyer
 * is a {@link Buyer#CONSUMER} and the delivery country — the parcel's address country overriding
 * the order's — is in the policy's EU/EEA list. Everything else is judged by the store's terms
 * alone.
 *
 * @param buyer who bought
 * @param country the delivery country that counts, upper case, or null when none is known
 * @param consumerLaw whether the EU consumer layer applies
 */
public record Jurisdiction(Buyer buyer, String country, boolean consumerLaw) {

  public Jurisdiction {
    Objects.requireNonNull(buyer, "buyer");
  }

  /** The order as a whole (its own delivery country). */
  public static Jurisdiction ofOrder(ConsumerFacts order, StatutoryTerms law) {
    return judge(order.buyer(), order.deliveryCountry(), law);
  }

  /** One parcel: its address country, else the order's. */
  public static Jurisdiction ofParcel(ConsumerFacts order, String parcelId, StatutoryTerms law) {
    String own = order.parcelCountry(parcelId);
    return judge(order.buyer(), own == null || own.isBlank() ? order.deliveryCountry() : own, law);
  }

  /** Plain parameters: a buyer and the delivery country that counts. */
  public static Jurisdiction judge(Buyer buyer, String country, StatutoryTerms law) {
    Buyer who = buyer == null ? Buyer.CONSUMER : buyer;
    String c = country == null || country.isBlank() ? null : StatutoryTerms.country(country);
    return new Jurisdiction(who, c, who == Buyer.CONSUMER && law.covers(c));
  }

  /** GEN-8: one plain line saying why the law applies or not. */
  public String explanation() {
    if (consumerLaw) {
      return "EU consumer law applies: a consumer buying for delivery to " + country + ".";
    }
    if (buyer == Buyer.BUSINESS) {
      return "EU consumer law does not apply: the buyer is a business; the store's terms apply.";
    }
    if (country == null) {
      return "EU consumer law does not apply: the order names no delivery country; the store's"
          + " terms apply.";
    }
    return "EU consumer law does not apply: "
        + country
        + " is not in the EU or EEA; the store's terms apply.";
  }
}
