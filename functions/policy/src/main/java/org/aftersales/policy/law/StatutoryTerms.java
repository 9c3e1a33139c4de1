package org.aftersales.policy.law;

import java.util.Collections;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The statutory section of a policy document (LAW-1…LAW-6): the law above the store's terms, kept
 * and versioned with them (GEN-7) so an order is judged by the section in force when it was placed.
 * Countries are ISO 3166-1 alpha-2, upper case; categories lower case, as the store's.
 *
 * @param countries where the EU consumer layer applies: the EU and EEA states
 * @param defaults the values of the directives, for a country with no entry in {@code byCountry}
 * @param byCountry the values of a national law where it differs from the directives
 * @param exclusions categories with no right of withdrawal (LAW-1, Art. 16)
 * @param cheapestStandardDelivery per currency code, the store's least expensive standard delivery
 *     in minor units: a withdrawal refunds no more delivery than this (LAW-2, Art. 13(2)); a
 *     currency not listed has no cap
 * @param consumerBearsReturnCost whether the store told the consumer they pay the direct cost of
 *     sending the goods back (LAW-2, Art. 14(1)); if not, the store bears it
 */
public record StatutoryTerms(
    Set<String> countries,
    CountryLaw defaults,
    Map<String, CountryLaw> byCountry,
    Map<String, Exclusion> exclusions,
    Map<String, Long> cheapestStandardDelivery,
    boolean consumerBearsReturnCost) {

  public StatutoryTerms {
    Objects.requireNonNull(defaults, "defaults");
    TreeSet<String> cs = new TreeSet<>();
    for (String c : countries) {
      cs.add(country(c));
    }
    countries = Collections.unmodifiableSortedSet(cs);
    TreeMap<String, CountryLaw> national = new TreeMap<>();
    byCountry.forEach(
        (c, law) -> {
          String key = country(c);
          if (!cs.contains(key)) {
            throw new IllegalArgumentException(
                "LAW: national values for " + key + ", which is not in the EU/EEA list");
          }
          national.put(key, Objects.requireNonNull(law, key));
        });
    byCountry = Collections.unmodifiableMap(national);
    TreeMap<String, Exclusion> ex = new TreeMap<>();
    exclusions.forEach((k, v) -> ex.put(category(k), Objects.requireNonNull(v, k)));
    exclusions = Collections.unmodifiableMap(ex);
    TreeMap<String, Long> cheapest = new TreeMap<>();
    cheapestStandardDelivery.forEach(
        (code, amount) -> {
          Currency.getInstance(code); // a real ISO 4217 code (GEN-1)
          if (amount == null || amount < 0) {
            throw new IllegalArgumentException("LAW-2: cheapest standard delivery " + code);
          }
          cheapest.put(code, amount);
        });
    cheapestStandardDelivery = Collections.unmodifiableMap(cheapest);
  }

  /** Whether {@code country} is in the EU/EEA list (null or blank: no). */
  public boolean covers(String country) {
    return country != null && countries.contains(country(country));
  }

  /**
   * The values in force in {@code country}: its national ones, else the directives'.
   *
   * @throws IllegalArgumentException if the country is not in the list (ask {@link #covers} first)
   */
  public CountryLaw in(String country) {
    if (!covers(country)) {
      throw new IllegalArgumentException("LAW: " + country + " is not in the EU/EEA list");
    }
    return byCountry.getOrDefault(country(country), defaults);
  }

  /** LAW-1: why {@code category} has no right of withdrawal, if it has none. */
  public Optional<Exclusion> exclusion(String category) {
    return Optional.ofNullable(exclusions.get(category(category)));
  }

  /** LAW-2: the delivery a withdrawal refunds at most in {@code currency}, if capped. */
  public Optional<Long> deliveryCap(Currency currency) {
    return Optional.ofNullable(cheapestStandardDelivery.get(currency.getCurrencyCode()));
  }

  static String country(String c) {
    return c == null ? "" : c.trim().toUpperCase(Locale.ROOT);
  }

  private static String category(String c) {
    return c == null ? "" : c.trim().toLowerCase(Locale.ROOT);
  }
}
