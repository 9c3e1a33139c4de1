package org.aftersales.policy.decision;

/**
 * The API {@code code} of a policy refusal and its kind: {@link Kind#BAD_REQUEST} for a request
 * that names things the order does not have (HTTP 400), {@link Kind#CONFLICT} when the state does
 * not allow it (HTTP 409), {@link Kind#POLICY} when the request is valid but the policy says no
 * (HTTP 422).
 */
public enum RefusalCode {
  ORDER_ALREADY_PROCESSED("order-already-processed", Kind.CONFLICT),
  NOTHING_TO_CANCEL("nothing-to-cancel", Kind.CONFLICT),
  PARCEL_CANCELLED("parcel-cancelled", Kind.CONFLICT),
  RETURN_WINDOW_CLOSED("return-window-closed", Kind.POLICY),
  NOT_MINT("not-mint", Kind.POLICY),
  USE_DOA_CLAIM("use-doa-claim", Kind.POLICY),
  USE_WARRANTY("use-warranty", Kind.POLICY),
  NON_RETURNABLE_CATEGORY("non-returnable-category", Kind.POLICY),
  NOT_DELIVERED("not-delivered", Kind.POLICY),
  NOT_RETURNABLE_NOW("unit-not-returnable", Kind.CONFLICT),
  DOA_WINDOW_CLOSED("doa-window-closed", Kind.POLICY),
  NOT_COVERED("not-covered", Kind.POLICY),
  REMEDY_NOT_AVAILABLE("remedy-not-available", Kind.POLICY),
  REPAIR_STEP_CONFLICT("repair-step-conflict", Kind.CONFLICT),
  CLAIM_EVIDENCE_INCOMPLETE("claim-evidence-incomplete", Kind.CONFLICT),
  PRICE_DROP_NOT_REFUNDED("price-drop-not-refunded", Kind.POLICY),
  NOTHING_LEFT_TO_REFUND("nothing-left-to-refund", Kind.CONFLICT),
  REFUND_ABOVE_PAID_PRICE("refund-above-paid-price", Kind.POLICY),
  ILLEGAL_TRANSITION("illegal-transition", Kind.CONFLICT),
  UNIT_NOT_CHANGEABLE("unit-not-changeable", Kind.CONFLICT),
  CHANGE_LAPSED("change-lapsed", Kind.CONFLICT),
  TOO_MANY_CHANGES("too-many-changes", Kind.POLICY),
  CHANGE_BELOW_ORDER_DISCOUNT("change-below-order-discount", Kind.POLICY),
  BILLING_ADDRESS_NOT_HELD("billing-address-not-held", Kind.POLICY),
  WITHDRAWAL_NOT_APPLICABLE("withdrawal-not-applicable", Kind.POLICY),
  WITHDRAWAL_PERIOD_ENDED("withdrawal-period-ended", Kind.POLICY),
  WITHDRAWAL_EXCLUDED_CATEGORY("withdrawal-excluded-category", Kind.POLICY),
  ALREADY_WITHDRAWN("already-withdrawn", Kind.CONFLICT),
  NOTHING_TO_WITHDRAW("nothing-to-withdraw", Kind.CONFLICT),
  DEDUCTION_ABOVE_PAID_PRICE("deduction-above-paid-price", Kind.POLICY),
  INVALID_REQUEST("invalid-request", Kind.BAD_REQUEST);

  /** How the refusal maps to HTTP (openapi.yaml conventions). */
  public enum Kind {
    BAD_REQUEST(400),
    CONFLICT(409),
    POLICY(422);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final String code;
  private final Kind kind;

  RefusalCode(String code, Kind kind) {
    this.code = code;
    this.kind = kind;
  }

  /** The API's {@code code}, e.g. {@code order-already-processed}. */
  public String code() {
    return code;
  }

  public Kind kind() {
    return kind;
  }

  public int httpStatus() {
    return kind.httpStatus();
  }
}
