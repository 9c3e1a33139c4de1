package org.aftersales.policy.document;

import java.util.Objects;

/**
 * The configured terms of changes before processing: how long a dearer change waits for the
 * difference to be paid (CHG-3, 24 hours) and where a customer changes their billing address
 * (CHG-6, the payment provider's page).
 */
public record ChangeTerms(int payByHours, String billingAddressUrl) {

  /** The store's terms until the policy document carries its own. */
  public static final ChangeTerms DEFAULT =
      new ChangeTerms(24, "https://pay.kwoking.example/account/billing-address");

  public ChangeTerms {
    if (payByHours <= 0) {
      throw new IllegalArgumentException("CHG-3: payByHours must be positive: " + payByHours);
    }
    Objects.requireNonNull(billingAddressUrl, "billingAddressUrl");
  }
}
