package org.aftersales.policy.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.calendar.Window;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.law.CountryLaw;
import org.aftersales.policy.law.Jurisdiction;
import org.aftersales.policy.order.LineSpec;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.ClaimCoverage;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.policy.state.WarrantyCase;

/**
 * The one door for a reported problem (WAR-1): which guarantee covers a delivered unit now — the
 * DOA guarantee inside its window (DOA-1), after it the warranty of the unit's category until its
 * last day (WAR-1; the category's months from the order's policy version, GEN-7, plus what repairs
 * added, WAR-4; at least the legal guarantee where EU consumer law applies to the unit's parcel,
 * LAW-5), or nothing, naming each window and the day it ended. Opening a warranty claim (WAR-1,
 * WAR-2: the category's evidence kinds, by default the problem photo or video; the customer's
 * preferred remedy, WAR-3), and the day WAR-5's presumption ends. Pure.
 */
public final class WarrantyPolicy {

  private WarrantyPolicy() {}

  /**
   * WAR-1, WAR-4, LAW-5: the last day of the unit's warranty, if delivered: the later of the
   * store's ({@link #storeWarrantyEndsOn}) and, where EU consumer law applies to the unit's parcel,
   * the legal guarantee ({@link #legalGuarantee}).
   */
  public static Optional<LocalDate> warrantyEndsOn(
      Order order, PolicyDocument policy, UnitRef unit) {
    Optional<LocalDate> store = storeWarrantyEndsOn(order, policy, unit);
    Optional<LegalGuarantee> legal = legalGuarantee(order, policy, unit);
    if (store.isEmpty() || legal.isEmpty() || !legal.get().endsOn().isAfter(store.get())) {
      return store;
    }
    return Optional.of(legal.get().endsOn());
  }

  /**
   * WAR-1, WAR-4: the last day of the store's warranty of the unit's category — delivery date + the
   * category's months + the months repairs added — if delivered. A category without warranty (0
   * months) ends on the delivery day.
   */
  public static Optional<LocalDate> storeWarrantyEndsOn(
      Order order, PolicyDocument policy, UnitRef unit) {
    LineSpec line = order.itemOf(unit); // CHG-5: the unit as it is now
    int months = policy.warrantyMonths(line.category()) + order.warrantyExtensionMonths(unit);
    return order.parcelOf(unit).deliveredOn(policy.storeZone()).map(d -> d.plusMonths(months));
  }

  /**
   * LAW-5: the legal guarantee of a unit where EU consumer law applies to its parcel ({@link
   * Jurisdiction#ofParcel}): its last day (delivery + the country's guarantee months, extended once
   * by the country's repair extension after a repair), the presumption's last day (WAR-5) and the
   * country's values with their sources.
   */
  public record LegalGuarantee(
      LocalDate endsOn, LocalDate presumedUntil, String country, CountryLaw law) {}

  /** LAW-5: the unit's legal guarantee; empty when the law does not apply or not delivered. */
  public static Optional<LegalGuarantee> legalGuarantee(
      Order order, PolicyDocument policy, UnitRef unit) {
    Jurisdiction where =
        Jurisdiction.ofParcel(order.spec(), order.parcelOf(unit).parcelId(), policy.law());
    Optional<LocalDate> delivered = order.parcelOf(unit).deliveredOn(policy.storeZone());
    if (!where.consumerLaw() || delivered.isEmpty()) {
      return Optional.empty();
    }
    CountryLaw law = policy.law().in(where.country());
    int months =
        law.guaranteeMonths().value()
            + (order.warrantyExtensionMonths(unit) > 0 ? law.repairExtensionMonths().value() : 0);
    return Optional.of(
        new LegalGuarantee(
            delivered.get().plusMonths(months),
            delivered.get().plusMonths(law.presumptionMonths().value()),
            where.country(),
            law));
  }

  /**
   * WAR-5 (LAW-5): the last day a defect is presumed to have existed at delivery, if delivered: the
   * store's presumption months, or the country's where EU consumer law applies and sets more.
   */
  public static Optional<LocalDate> presumptionEndsOn(
      Order order, PolicyDocument policy, UnitRef unit) {
    Optional<LocalDate> store =
        order
            .parcelOf(unit)
            .deliveredOn(policy.storeZone())
            .map(d -> d.plusMonths(policy.warrantyTerms().presumptionMonths()));
    Optional<LegalGuarantee> legal = legalGuarantee(order, policy, unit);
    if (store.isPresent()
        && legal.isPresent()
        && legal.get().presumedUntil().isAfter(store.get())) {
      return Optional.of(legal.get().presumedUntil());
    }
    return store;
  }

  /**
   * WAR-1: the coverage a problem reported now about {@code unit} would get: DOA until the last day
   * of the DOA window, else WARRANTY until the warranty's last day; refused when the unit was not
   * delivered (GEN-6) or every window has ended ({@code not-covered}, naming each window and the
   * day it ended). Says nothing about whether the unit is free (WAR-6 is the caller's).
   */
  /** GEN-6: the guarantees start on delivery, so an item not delivered yet can not be claimed. */
  static <T> Decision<T> notDelivered(LineSpec line) {
    return Decision.refuse(
        RefusalCode.NOT_DELIVERED,
        "GEN-6",
        "This " + line.name() + " has not been delivered yet; the guarantee starts on delivery.");
  }

  public static Decision<ClaimCoverage> coverage(
      Order order, PolicyDocument policy, UnitRef unit, Instant now) {
    LineSpec line = order.itemOf(unit);
    Optional<Window> doa = ReturnPolicy.doaWindow(order, policy, unit);
    if (doa.isEmpty()) {
      return notDelivered(line);
    }
    Window window = doa.get();
    if (window.isOpenAt(now)) {
      return Decision.accept(
          ClaimCoverage.doa(window.lastDay()),
          Explanation.of(
              "DOA-1",
              "Delivered on "
                  + window.deliveredOn()
                  + ": covered by the "
                  + policy.doaWindowDays()
                  + " day guarantee until the end of "
                  + window.lastDay()
                  + "."));
    }
    LocalDate storeEnd = storeWarrantyEndsOn(order, policy, unit).orElseThrow();
    Optional<LegalGuarantee> legal = legalGuarantee(order, policy, unit);
    boolean lawLonger = legal.isPresent() && legal.get().endsOn().isAfter(storeEnd);
    LocalDate end = lawLonger ? legal.get().endsOn() : storeEnd;
    int extension = order.warrantyExtensionMonths(unit);
    String warranty =
        lawLonger ? legalName(legal.get(), extension) : warrantyName(policy, line, extension);
    if (end.isAfter(window.lastDay()) && !policy.calendar().dateOf(now).isAfter(end)) {
      List<String> rules = new ArrayList<>(List.of("WAR-1"));
      Explanation why =
          Explanation.of(
              "WAR-1",
              "The "
                  + policy.doaWindowDays()
                  + " day guarantee ended on "
                  + window.lastDay()
                  + "; "
                  + warranty
                  + " covers it until the end of "
                  + end
                  + ".");
      if (extension > 0) {
        rules.add("WAR-4");
        why =
            why.and(
                "WAR-4",
                "A repair extended the warranty of this unit by " + extension + " months.");
      }
      if (lawLonger) {
        rules.add("LAW-5");
        why =
            why.and(
                "LAW-5",
                "EU consumer law applies (delivery to "
                    + legal.get().country()
                    + "): the legal guarantee ("
                    + legal.get().law().guaranteeMonths().source()
                    + ") is longer than the "
                    + policy.warrantyMonths(line.category())
                    + " month warranty of the category.");
      }
      Set<EvidenceKind> evidence = policy.warrantyTerms().evidenceFor(line.category());
      return Decision.accept(
          new ClaimCoverage(ClaimCoverage.Kind.WARRANTY, end, rules, evidence), why);
    }
    String message =
        "No guarantee covers this "
            + line.name()
            + " (delivered on "
            + window.deliveredOn()
            + ") any more: the "
            + policy.doaWindowDays()
            + " day guarantee ended on "
            + window.lastDay()
            + (policy.warrantyMonths(line.category()) + extension == 0
                ? "; items in the category " + line.category() + " have no warranty"
                : "; " + warrantyName(policy, line, extension) + " ended on " + storeEnd)
            + legal
                .map(
                    l ->
                        "; the legal guarantee ("
                            + l.law().guaranteeMonths().source()
                            + ") ended on "
                            + l.endsOn())
                .orElse("")
            + ".";
    Explanation why =
        Explanation.of("DOA-1", "The DOA guarantee ended at the end of " + window.lastDay() + ".")
            .and("WAR-1", "The warranty of the category ended at the end of " + storeEnd + ".");
    if (legal.isPresent()) {
      why =
          why.and(
              "LAW-5",
              "The legal guarantee in "
                  + legal.get().country()
                  + " ended at the end of "
                  + legal.get().endsOn()
                  + ".");
    }
    return Decision.refuse(new Refusal(RefusalCode.NOT_COVERED, message, why, end));
  }

  private static String legalName(LegalGuarantee legal, int extension) {
    return "the "
        + legal.law().guaranteeMonths().value()
        + " month legal guarantee ("
        + legal.law().guaranteeMonths().source()
        + ")"
        + (extension > 0
            ? ", extended by "
                + legal.law().repairExtensionMonths().value()
                + " months by a repair ("
                + legal.law().repairExtensionMonths().source()
                + "),"
            : "");
  }

  private static String warrantyName(PolicyDocument policy, LineSpec line, int extension) {
    return "the "
        + policy.warrantyMonths(line.category())
        + " month warranty of its category ("
        + line.category()
        + ")"
        + (extension > 0 ? ", extended by " + extension + " months by a repair," : "");
  }

  /**
   * WAR-1, WAR-2: a warranty claim for {@code unit} under {@code coverage}: AWAITING_EVIDENCE for
   * the category's kinds, the customer's preferred remedy recorded (WAR-3); the unit becomes
   * CLAIM_OPEN (WAR-6: one claim at a time).
   */
  static Decision<ClaimUpdate> open(
      Order order,
      PolicyDocument policy,
      String claimId,
      String lineId,
      UnitRef unit,
      ClaimCoverage coverage,
      Explanation covered,
      ProblemType problem,
      String description,
      Remedy preferredRemedy,
      Instant now) {
    ClaimCase claim =
        ClaimCase.opened(
            claimId,
            order.orderId(),
            lineId,
            unit,
            problem,
            description,
            coverage,
            WarrantyCase.opened(preferredRemedy),
            now);
    Explanation why =
        covered.and(
            "WAR-2",
            "Upload "
                + describe(coverage.requiredEvidence())
                + " within "
                + policy.evidenceExpiryDays()
                + " days; the shipping label and packaging are not needed.");
    if (preferredRemedy != null) {
      why =
          why.and(
              "WAR-3",
              "You prefer a "
                  + preferredRemedy.name().toLowerCase(java.util.Locale.ROOT)
                  + "; we follow it unless it is impossible or disproportionate, and then say"
                  + " why.");
    }
    return Decision.accept(
        new ClaimUpdate(
            claim, order.withUnitStatuses(Map.of(unit, UnitStatus.CLAIM_OPEN)), null, why),
        why);
  }

  private static String describe(Set<EvidenceKind> kinds) {
    if (kinds.equals(Set.of(EvidenceKind.PROBLEM))) {
      return "a photo or video of the problem";
    }
    return kinds.stream()
        .map(k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .toList()
        .toString();
  }
}
