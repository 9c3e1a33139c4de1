package org.aftersales.policy.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.aftersales.policy.law.CountryLaw;
import org.aftersales.policy.law.Exclusion;
import org.aftersales.policy.law.Sourced;
import org.aftersales.policy.law.StatutoryTerms;

/**
 * The store's policy book (GEN-7): every version of the values docs/policy.md marks
 * <i>(config)</i>, written as code so the compiler checks them and each value names the rule it
 * configures. A new version is a new method here, added to {@link #BOOK}; an order keeps the
 * version it was placed under. Store holidays are the German public (federal) holidays.
 */
public final class StorePolicies {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static final ReturnAddress HAMBURG =
      new ReturnAddress(
          "KWOKING Returns",
          List.of("Returns Centre, Gate 4", "Lagerstrasse 12", "20457 Hamburg"),
          "DE");

  // GEN-5: German public holidays (New Year, Good Friday, Easter Monday, Labour Day, Ascension,
  // Whit Monday, German Unity Day, Christmas Day, St Stephen's Day).
  private static final List<String> HOLIDAYS_2025 =
      List.of(
          "2025-01-01",
          "2025-04-18",
          "2025-04-21",
          "2025-05-01",
          "2025-05-29",
          "2025-06-09",
          "2025-10-03",
          "2025-12-25",
          "2025-12-26");
  private static final List<String> HOLIDAYS_2026 =
      List.of(
          "2026-01-01",
          "2026-04-03",
          "2026-04-06",
          "2026-05-01",
          "2026-05-14",
          "2026-05-25",
          "2026-10-03",
          "2026-12-25",
          "2026-12-26");
  private static final List<String> HOLIDAYS_2027 =
      List.of(
          "2027-01-01",
          "2027-03-26",
          "2027-03-29",
          "2027-05-01",
          "2027-05-06",
          "2027-05-17",
          "2027-10-03",
          "2027-12-25",
          "2027-12-26");

  private static final List<String> HOLIDAYS_2028 =
      List.of(
          "2028-01-01",
          "2028-04-14",
          "2028-04-17",
          "2028-05-01",
          "2028-05-25",
          "2028-06-05",
          "2028-10-03",
          "2028-12-25",
          "2028-12-26");

  private static final List<String> STILLS = List.of("image/jpeg", "image/png");
  private static final List<String> STILLS_2026 =
      List.of("image/jpeg", "image/png", "image/heic", "image/webp");
  private static final long MIB = 1024L * 1024L;

  /**
   * The store's language (MSG-3 <i>(config: languages)</i>), a BCP 47 tag: the language of an order
   * registered without one, and the one an email falls back to when there is no text in the
   * order's.
   */
  public static final String LANGUAGE = "en";

  /** The EU member states and the EEA states Iceland, Liechtenstein and Norway (ISO 3166-1). */
  private static final Set<String> EU_EEA =
      Set.of(
          "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
          "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

  // after every constant it reads (static initialisation runs in order)
  private static final PolicyBook BOOK = new PolicyBook(List.of(version2025(), version2026()));

  private StorePolicies() {}

  /** Every version of the store's policy (GEN-7). */
  public static PolicyBook book() {
    return BOOK;
  }

  /** In force from 2025-01-01: 30 day returns, 7 day DOA, refunds within 7 business days. */
  static PolicyDocument version2025() {
    return new PolicyDocument(
        "2025-01", // GEN-7
        Instant.parse("2025-01-01T00:00:00Z"), // GEN-7 effectiveFrom
        BERLIN, // GEN-5, GEN-6 store zone
        holidays(HOLIDAYS_2025, HOLIDAYS_2026), // GEN-5
        LocalDate.parse("2026-12-31"), // GEN-5 holidays known through
        7, // GEN-5 refund due within business days
        3, // CAN-6 auto-cancel after business days
        30, // RET-1 return window days
        10, // RET-9 send the return within days
        7, // DOA-1 DOA window days
        10, // DOA-7 evidence expiry days
        15, // DOA-3 upload URL minutes
        Set.of("personal-care", "gift-cards", "software", "clearance"), // RET-8
        Map.of("electronics", 12, "accessories", 6), // RET-7 warranty months
        6, // RET-7 default warranty months
        HAMBURG, // RET-2
        Map.of( // DOA-3
            EvidenceKind.PROBLEM,
            new EvidenceRule(List.of("image/jpeg", "image/png", "video/mp4"), 25 * MIB),
            EvidenceKind.SHIPPING_LABEL,
            new EvidenceRule(STILLS, 10 * MIB),
            EvidenceKind.PACKAGING,
            new EvidenceRule(STILLS, 10 * MIB)),
        false, // NOF-1 price drops are not refunded
        consumerLaw(), // LAW-1…LAW-6
        WarrantyTerms.standard(HAMBURG)); // WAR-2…WAR-5
  }

  /** In force from 2026-06-01: 60 day returns, 14 day DOA, refunds within 5 business days. */
  static PolicyDocument version2026() {
    return new PolicyDocument(
        "2026-06", // GEN-7
        Instant.parse("2026-06-01T00:00:00Z"), // GEN-7 effectiveFrom
        BERLIN, // GEN-5, GEN-6 store zone
        holidays(HOLIDAYS_2026, HOLIDAYS_2027, HOLIDAYS_2028), // GEN-5
        LocalDate.parse("2028-12-31"), // GEN-5 holidays known through
        5, // GEN-5 refund due within business days
        2, // CAN-6 auto-cancel after business days
        60, // RET-1 return window days
        14, // RET-9 send the return within days
        14, // DOA-1 DOA window days
        14, // DOA-7 evidence expiry days
        15, // DOA-3 upload URL minutes
        Set.of("personal-care", "gift-cards", "software"), // RET-8
        Map.of("electronics", 24, "accessories", 12, "home", 24, "gift-cards", 0), // WAR-1
        12, // RET-7, WAR-1 default warranty months
        HAMBURG, // RET-2
        Map.of( // DOA-3
            EvidenceKind.PROBLEM,
            new EvidenceRule(
                List.of(
                    "image/jpeg",
                    "image/png",
                    "image/heic",
                    "image/webp",
                    "video/mp4",
                    "video/quicktime"),
                50 * MIB),
            EvidenceKind.SHIPPING_LABEL,
            new EvidenceRule(STILLS_2026, 10 * MIB),
            EvidenceKind.PACKAGING,
            new EvidenceRule(STILLS_2026, 10 * MIB)),
        false, // NOF-1 price drops are not refunded
        consumerLaw(), // LAW-1…LAW-6
        new WarrantyTerms(
            Map.of(), // WAR-2 evidence per category: none differs from the default
            Set.of(EvidenceKind.PROBLEM), // WAR-2 a photo or video of the problem
            12, // WAR-4 a repair adds months to the unit's warranty
            12, // WAR-5 presumption months after delivery
            HAMBURG, // WAR-4 repairs go to the returns centre
            true)); // WAR-4 the store pays the shipping both ways
  }

  /**
   * LAW-1…LAW-6: the statutory section (the same in both versions: the law did not change between
   * them). The directives' values, the national ones where a state set its own (each with its
   * source), the store's Art. 16 categories, its cheapest standard delivery (LAW-2, Art. 13(2)) and
   * that the store never told its customers they pay the return (Art. 14(1)).
   */
  static StatutoryTerms consumerLaw() {
    CountryLaw directives =
        new CountryLaw(
            new Sourced(14, "Directive 2011/83/EU Art. 9(1)"),
            new Sourced(24, "Directive (EU) 2019/771 Art. 10(1)"),
            new Sourced(12, "Directive (EU) 2019/771 Art. 11(1)"),
            new Sourced(
                12,
                "Directive (EU) 2019/771 Art. 10, as amended by Directive (EU) 2024/1799 Art. 16"));
    return new StatutoryTerms(
        EU_EEA,
        directives,
        Map.of(
            "ES",
            directives
                .withGuarantee(
                    new Sourced(
                        36, "ES Real Decreto Legislativo 1/2007 Art. 120(1), as amended 2021"))
                .withPresumption(
                    new Sourced(
                        24, "ES Real Decreto Legislativo 1/2007 Art. 121, as amended 2021")),
            "PT",
            directives
                .withGuarantee(new Sourced(36, "PT Decreto-Lei 84/2021 Art. 12(1)"))
                .withPresumption(new Sourced(24, "PT Decreto-Lei 84/2021 Art. 13(1)")),
            "FR",
            directives.withPresumption(new Sourced(24, "FR Code de la consommation L217-7")),
            "SE",
            directives
                .withGuarantee(new Sourced(36, "SE Konsumentköplag (2022:260)"))
                .withPresumption(new Sourced(24, "SE Konsumentköplag (2022:260)"))),
        Map.of(
            "custom-made",
            new Exclusion(
                "Directive 2011/83/EU Art. 16(c)",
                "made to the customer's specifications or clearly personalised",
                false),
            "perishable",
            new Exclusion(
                "Directive 2011/83/EU Art. 16(d)",
                "liable to deteriorate or expire rapidly",
                false),
            "personal-care",
            new Exclusion(
                "Directive 2011/83/EU Art. 16(e)",
                "sealed goods not suitable for return for health or hygiene reasons once unsealed",
                true),
            "software",
            new Exclusion(
                "Directive 2011/83/EU Art. 16(i)",
                "sealed audio, video or software once unsealed",
                true)),
        Map.of("EUR", 499L), // LAW-2: cheapest standard delivery
        false); // LAW-2: the store never said the customer pays the return (Art. 14(1))
  }

  @SafeVarargs
  private static Set<LocalDate> holidays(List<String>... years) {
    return Stream.of(years)
        .flatMap(List::stream)
        .map(LocalDate::parse)
        .collect(java.util.stream.Collectors.toSet());
  }
}
