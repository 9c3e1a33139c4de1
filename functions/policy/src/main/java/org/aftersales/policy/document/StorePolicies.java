package org.aftersales.policy.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The store's policy book (GEN-7): every version of the values POLICY.md marks <i>(config)</i>,
 * written as code so the compiler checks them and each value names the rule it configures. A new
 * version is a new method here, added to {@link #BOOK}; an order keeps the version it was placed
 * under. Store holidays are the German public (federal) holidays.
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
        false); // NOF-1 price drops are not refunded
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
        new WarrantyTerms(
            Map.of(), // WAR-2 evidence per category: none differs from the default
            Set.of(EvidenceKind.PROBLEM), // WAR-2 a photo or video of the problem
            12, // WAR-4 a repair adds months to the unit's warranty
            12, // WAR-5 presumption months after delivery
            HAMBURG, // WAR-4 repairs go to the returns centre
            true)); // WAR-4 the store pays the shipping both ways
  }

  @SafeVarargs
  private static Set<LocalDate> holidays(List<String>... years) {
    return Stream.of(years)
        .flatMap(List::stream)
        .map(LocalDate::parse)
        .collect(java.util.stream.Collectors.toSet());
  }
}
