package org.aftersales.policy.law;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersales.policy.document.PolicyDocument;

/**
 * LAW-6: where the store's published rules are below the law for the consumers of one jurisdiction,
 * and how the law raises them, so {@code GET /policy} shows the store each conflict. Pure.
 */
public final class LawConflicts {

  /**
   * One store rule the law raises.
   *
   * @param storeRuleId the store's rule (RET-4…)
   * @param lawRuleId the rule of the law that raises it (LAW-2…)
   * @param source the article
   * @param how what changes, in plain words
   */
  public record Raise(String storeRuleId, String lawRuleId, String source, String how) {
    public Raise {
      Objects.requireNonNull(storeRuleId, "storeRuleId");
      Objects.requireNonNull(lawRuleId, "lawRuleId");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(how, "how");
    }
  }

  private LawConflicts() {}

  /** The store rules of {@code policy} that the law of {@code country} raises, in rule order. */
  public static List<Raise> in(PolicyDocument policy, CountryLaw country) {
    StatutoryTerms law = policy.law();
    List<Raise> raises = new ArrayList<>();
    int days = country.withdrawalDays().value();
    raises.add(
        new Raise(
            "RET-1",
            "LAW-1",
            country.withdrawalDays().source(),
            "For "
                + days
                + " days after the last parcel is delivered, a consumer withdraws without a"
                + " reason and without the mint-condition test."));
    raises.add(
        new Raise(
            "RET-4",
            "LAW-2",
            "Directive 2011/83/EU Art. 13(1), 13(2)",
            "A withdrawal refunds the delivery charges that a return keeps back"
                + (law.cheapestStandardDelivery().isEmpty()
                    ? "."
                    : ", up to the cheapest standard delivery.")));
    raises.add(
        new Raise(
            "GEN-5",
            "LAW-2",
            "Directive 2011/83/EU Art. 13(1), 13(3)",
            "A withdrawal's refund is due no later than 14 days after the withdrawal, or "
                + policy.refundDueBusinessDays()
                + " business days after the items or a proof of sending arrive, whichever is"
                + " later."));
    raises.add(
        new Raise(
            "RET-2",
            "LAW-3",
            "Directive 2011/83/EU Art. 11, 11a",
            "No prior contact is needed: the customer page offers \"Withdraw from contract"
                + " here\" and the acknowledgement is sent on a durable medium."));
    for (String category : policy.nonReturnableCategories()) {
      if (law.exclusion(category).isEmpty()) {
        raises.add(
            new Raise(
                "RET-8",
                "LAW-1",
                "Directive 2011/83/EU Art. 16",
                "Items in the category "
                    + category
                    + " can be withdrawn: the category is not one of Art. 16's exceptions."));
      }
    }
    int guarantee = country.guaranteeMonths().value();
    for (Map.Entry<String, Integer> warranty : policy.warrantyMonthsByCategory().entrySet()) {
      if (warranty.getValue() < guarantee) {
        raises.add(guarantee(warranty.getKey(), warranty.getValue(), country));
      }
    }
    if (policy.defaultWarrantyMonths() < guarantee) {
      raises.add(guarantee("other categories", policy.defaultWarrantyMonths(), country));
    }
    if (policy.warrantyTerms().presumptionMonths() < country.presumptionMonths().value()) {
      raises.add(
          new Raise(
              "WAR-5",
              "LAW-5",
              country.presumptionMonths().source(),
              "A defect is presumed present at delivery for "
                  + country.presumptionMonths().value()
                  + " months, not "
                  + policy.warrantyTerms().presumptionMonths()
                  + "."));
    }
    return raises;
  }

  private static Raise guarantee(String category, int months, CountryLaw country) {
    return new Raise(
        "RET-7",
        "LAW-5",
        country.guaranteeMonths().source(),
        "The "
            + months
            + " month warranty of "
            + category
            + " is below the legal guarantee of "
            + country.guaranteeMonths().value()
            + " months.");
  }
}
