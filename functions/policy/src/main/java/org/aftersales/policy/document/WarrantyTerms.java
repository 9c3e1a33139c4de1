package org.aftersales.policy.document;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The terms of the warranty of a category beyond its length (WAR-2…WAR-5), all <i>(config)</i>: the
 * evidence a warranty claim needs per category (WAR-2; {@code defaultEvidence} for a category not
 * listed), how many months a repair adds to the unit's warranty (WAR-4), how long after delivery a
 * defect is presumed to have existed at delivery (WAR-5), where units go for repair and who pays
 * the shipping both ways (WAR-4).
 */
public record WarrantyTerms(
    Map<String, Set<EvidenceKind>> evidenceByCategory,
    Set<EvidenceKind> defaultEvidence,
    int repairExtensionMonths,
    int presumptionMonths,
    ReturnAddress repairAddress,
    boolean storePaysShipping) {

  public WarrantyTerms {
    Objects.requireNonNull(repairAddress, "repairAddress");
    TreeMap<String, Set<EvidenceKind>> byCategory = new TreeMap<>();
    evidenceByCategory.forEach((category, kinds) -> byCategory.put(key(category), evidence(kinds)));
    evidenceByCategory = Collections.unmodifiableMap(byCategory);
    defaultEvidence = evidence(defaultEvidence);
    if (repairExtensionMonths < 0 || presumptionMonths < 0) {
      throw new IllegalArgumentException("WAR-4, WAR-5: months must be >= 0");
    }
  }

  /**
   * The store's terms: the problem photo or video only (WAR-2), 12 months added by a repair
   * (WAR-4), 12 months of presumption (WAR-5), repairs to {@code address} with shipping paid by the
   * store.
   */
  public static WarrantyTerms standard(ReturnAddress address) {
    return new WarrantyTerms(Map.of(), Set.of(EvidenceKind.PROBLEM), 12, 12, address, true);
  }

  /** WAR-2: the evidence a warranty claim about an item of {@code category} needs. */
  public Set<EvidenceKind> evidenceFor(String category) {
    return evidenceByCategory.getOrDefault(key(category), defaultEvidence);
  }

  private static Set<EvidenceKind> evidence(Set<EvidenceKind> kinds) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("WAR-2: a warranty claim needs at least one kind");
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(kinds));
  }

  private static String key(String category) {
    return category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
  }
}
