package org.aftersales.policy.law;

import java.util.Objects;

/**
 * The values the law lets member states set differently (LAW-1, LAW-5), for one country, each with
 * its source.
 *
 * @param withdrawalDays the withdrawal period after delivery (LAW-1, 2011/83/EU Art. 9)
 * @param guaranteeMonths the seller's liability for a lack of conformity (LAW-5, 2019/771 Art. 10)
 * @param presumptionMonths a defect appearing within it is presumed present at delivery (LAW-5,
 *     WAR-5; 2019/771 Art. 11)
 * @param repairExtensionMonths a repair extends the liability once by this much (LAW-5, WAR-4;
 *     2019/771 Art. 10 as amended by 2024/1799)
 */
public record CountryLaw(
    Sourced withdrawalDays,
    Sourced guaranteeMonths,
    Sourced presumptionMonths,
    Sourced repairExtensionMonths) {

  public CountryLaw {
    Objects.requireNonNull(withdrawalDays, "withdrawalDays");
    Objects.requireNonNull(guaranteeMonths, "guaranteeMonths");
    Objects.requireNonNull(presumptionMonths, "presumptionMonths");
    Objects.requireNonNull(repairExtensionMonths, "repairExtensionMonths");
    if (presumptionMonths.value() > guaranteeMonths.value()) {
      throw new IllegalArgumentException(
          "LAW-5: the presumption ("
              + presumptionMonths.value()
              + " months) can not outlast the guarantee ("
              + guaranteeMonths.value()
              + " months)");
    }
  }

  /** These values with the legal guarantee of a national law. */
  public CountryLaw withGuarantee(Sourced months) {
    return new CountryLaw(withdrawalDays, months, presumptionMonths, repairExtensionMonths);
  }

  /** These values with the presumption period of a national law. */
  public CountryLaw withPresumption(Sourced months) {
    return new CountryLaw(withdrawalDays, guaranteeMonths, months, repairExtensionMonths);
  }
}
