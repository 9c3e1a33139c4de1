package org.aftersales.policy.decision;

import java.time.LocalDate;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.refund.Refund;

/**
 * The explanations that more than one decision gives, each written once: when a refund is due
 * (GEN-5), why a parcel can no longer be cancelled or changed (CAN-2, CHG-1, CAN-3), why a return
 * or claim expired (RET-9, DOA-7).
 */
final class RuleTexts {

  private RuleTexts() {}

  /** GEN-5: the refund's amount and the day it is due by. */
  static Explanation refundDue(Refund refund, PolicyDocument policy) {
    return Explanation.of(
        "GEN-5",
        "The refund of "
            + refund.amount()
            + " is due by "
            + refund.dueBy()
            + " ("
            + policy.refundDueBusinessDays()
            + " business days).");
  }

  /**
   * CAN-2, CHG-1: the customer's message when a processed parcel is asked to be {@code cancelled}
   * or {@code changed any more}, with what remains possible (CAN-3, RET-1).
   */
  static String parcelProcessed(String cannotBe, LocalDate expectedShipBy) {
    return "Your parcel has already been processed, so it can not be "
        + cannotBe
        + ". If it has not shipped after the expected shipping date "
        + expectedShipBy
        + ", you can cancel it then; once delivered you can ask for a return.";
  }

  /** CAN-3: the explanation line of what can be cancelled after the expected shipping date. */
  static String cancelAfterShipBy(LocalDate expectedShipBy) {
    return "After the expected shipping date "
        + expectedShipBy
        + ", an unshipped parcel can be cancelled.";
  }

  /** RET-9: why an authorised return expired. */
  static String returnExpired(LocalDate sendBy) {
    return "The return was not sent by " + sendBy + ", so it expired.";
  }

  /** DOA-7: why a claim waiting for evidence expired. */
  static String claimExpired(PolicyDocument policy) {
    return "The evidence was not complete within "
        + policy.evidenceExpiryDays()
        + " days, so the claim expired.";
  }
}
