package org.aftersales.policy.document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.aftersales.policy.calendar.BusinessCalendar;
import org.aftersales.policy.law.StatutoryTerms;

/**
 * One version of the store's policy: every value docs/policy.md marks <i>(config)</i>. An order is
 * judged by the version in force when it was placed (GEN-7). Immutable; sets and maps are sorted so
 * {@code GET /policy} renders them in a stable order.
 *
 * @param version id of this version
 * @param effectiveFrom in force from this instant (GEN-7)
 * @param storeZone the store's time zone (GEN-5, GEN-6)
 * @param holidays the store's holidays (GEN-5), none after {@code holidaysKnownThrough}
 * @param holidaysKnownThrough the last day whose holidays are known (GEN-5); see {@link
 *     BusinessCalendar} for days after it
 * @param refundDueBusinessDays refunds due within this many business days (GEN-5)
 * @param autoCancelAfterBusinessDays unshipped parcels auto-cancelled this many business days after
 *     the expected ship date (CAN-6)
 * @param returnWindowDays conditional return window after delivery (RET-1)
 * @param returnSendByDays an authorised return must be sent within this many days (RET-9)
 * @param doaWindowDays DOA guarantee window after delivery (DOA-1)
 * @param evidenceExpiryDays a claim waiting for evidence expires after this many days (DOA-7)
 * @param uploadUrlMinutes lifetime of an evidence upload URL (DOA-3)
 * @param nonReturnableCategories categories refused for conditional return (RET-8), lower case
 * @param warrantyMonthsByCategory warranty length per category (RET-7, WAR-1), lower-case keys; 0
 *     for a category without warranty
 * @param defaultWarrantyMonths warranty of a category not listed (RET-7, WAR-1)
 * @param returnAddress where returns go (RET-2)
 * @param evidenceRules allowed content types and size per evidence kind (DOA-3)
 * @param priceDropRefunds whether price-drop differences are refunded (NOF-1; false)
 * @param law the statutory section: the EU consumer law above these terms (LAW-1…LAW-6)
 * @param warrantyTerms evidence, repair extension, presumption, repair address (WAR-2…WAR-5)
 */
public record PolicyDocument(
    String version,
    Instant effectiveFrom,
    ZoneId storeZone,
    Set<LocalDate> holidays,
    LocalDate holidaysKnownThrough,
    int refundDueBusinessDays,
    int autoCancelAfterBusinessDays,
    int returnWindowDays,
    int returnSendByDays,
    int doaWindowDays,
    int evidenceExpiryDays,
    int uploadUrlMinutes,
    Set<String> nonReturnableCategories,
    Map<String, Integer> warrantyMonthsByCategory,
    int defaultWarrantyMonths,
    ReturnAddress returnAddress,
    Map<EvidenceKind, EvidenceRule> evidenceRules,
    boolean priceDropRefunds,
    StatutoryTerms law,
    WarrantyTerms warrantyTerms) {

  public PolicyDocument {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(storeZone, "storeZone");
    Objects.requireNonNull(returnAddress, "returnAddress");
    Objects.requireNonNull(holidaysKnownThrough, "holidaysKnownThrough");
    Objects.requireNonNull(law, "law");
    holidays = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(holidays));
    new BusinessCalendar(storeZone, holidays, holidaysKnownThrough); // GEN-5: none after it
    nonReturnableCategories =
        java.util.Collections.unmodifiableSortedSet(
            new java.util.TreeSet<>(
                nonReturnableCategories.stream().map(PolicyDocument::key).toList()));
    TreeMap<String, Integer> warranty = new TreeMap<>();
    warrantyMonthsByCategory.forEach(
        (k, v) -> {
          if (v < 0) {
            throw new IllegalArgumentException("WAR-1: warranty months of " + k + " must be >= 0");
          }
          warranty.put(key(k), v);
        });
    Objects.requireNonNull(warrantyTerms, "warrantyTerms");
    warrantyMonthsByCategory = java.util.Collections.unmodifiableMap(warranty);
    EnumMap<EvidenceKind, EvidenceRule> rules = new EnumMap<>(EvidenceKind.class);
    rules.putAll(evidenceRules);
    for (EvidenceKind kind : EvidenceKind.values()) {
      if (!rules.containsKey(kind)) {
        throw new IllegalArgumentException("policy " + version + ": no evidence rule for " + kind);
      }
    }
    evidenceRules = java.util.Collections.unmodifiableMap(rules);
    positive("refundDueBusinessDays", refundDueBusinessDays);
    positive("autoCancelAfterBusinessDays", autoCancelAfterBusinessDays);
    positive("returnWindowDays", returnWindowDays);
    positive("returnSendByDays", returnSendByDays);
    positive("doaWindowDays", doaWindowDays);
    positive("evidenceExpiryDays", evidenceExpiryDays);
    positive("uploadUrlMinutes", uploadUrlMinutes);
    positive("defaultWarrantyMonths", defaultWarrantyMonths);
  }

  /** The store's business-day calendar (GEN-5). */
  public BusinessCalendar calendar() {
    return new BusinessCalendar(storeZone, holidays, holidaysKnownThrough);
  }

  /**
   * GEN-5: the day a refund granted at {@code granted} is due by: the store-zone date plus {@link
   * #refundDueBusinessDays} business days.
   */
  public LocalDate refundDueBy(Instant granted) {
    return calendar().dueBy(granted, refundDueBusinessDays);
  }

  /** RET-7, WAR-1: warranty length of a category (the default if not listed; 0: none). */
  public int warrantyMonths(String category) {
    return warrantyMonthsByCategory.getOrDefault(key(category), defaultWarrantyMonths);
  }

  /** RET-8. */
  public boolean isReturnable(String category) {
    return !nonReturnableCategories.contains(key(category));
  }

  public EvidenceRule evidenceRule(EvidenceKind kind) {
    return evidenceRules.get(kind);
  }

  private static String key(String category) {
    return category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  /** CHG-3, CHG-6: the terms of changes before processing (the store's defaults). */
  public ChangeTerms changeTerms() {
    return ChangeTerms.DEFAULT;
  }
}
