package org.aftersales.policy.state;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aftersales.policy.document.EvidenceKind;

/**
 * Which guarantee covers a claim (WAR-1): the DOA guarantee (DOA-1) or the warranty of the unit's
 * category (WAR-1, at least the legal guarantee where LAW-5 applies), the last day of that window
 * ({@code until}, null for a claim stored before coverage was recorded), the rules that gave it,
 * and the evidence it needs (DOA-2: all three kinds; WAR-2: the category's kinds, by default the
 * problem photo or video).
 */
public record ClaimCoverage(
    Kind kind, LocalDate until, List<String> ruleIds, Set<EvidenceKind> requiredEvidence) {

  /** The two guarantees a claim can be under. */
  public enum Kind {
    DOA,
    WARRANTY
  }

  /** A claim stored before coverage was recorded: a DOA claim, window end not recorded. */
  public static final ClaimCoverage STORED_DOA =
      new ClaimCoverage(Kind.DOA, null, List.of("DOA-1"), EnumSet.allOf(EvidenceKind.class));

  public ClaimCoverage {
    Objects.requireNonNull(kind, "kind");
    ruleIds = List.copyOf(ruleIds);
    if (requiredEvidence.isEmpty()) {
      throw new IllegalArgumentException("WAR-2: a claim needs at least one kind of evidence");
    }
    requiredEvidence = java.util.Collections.unmodifiableSet(EnumSet.copyOf(requiredEvidence));
  }

  /** DOA-1, DOA-2: the DOA guarantee until its last day, with all three kinds of evidence. */
  public static ClaimCoverage doa(LocalDate until) {
    return new ClaimCoverage(Kind.DOA, until, List.of("DOA-1"), EnumSet.allOf(EvidenceKind.class));
  }

  public boolean isWarranty() {
    return kind == Kind.WARRANTY;
  }
}
