package org.aftersales.policy.decision;

import org.aftersales.policy.document.PolicyDocument;

/**
 * NOF-1: refunds of a later price drop are not offered by default ({@code priceDropRefunds} in the
 * policy document); a request is answered with this rule instead of being ignored.
 */
public final class PriceDropPolicy {

  private PriceDropPolicy() {}

  public static Decision<String> answer(PolicyDocument policy) {
    if (!policy.priceDropRefunds()) {
      return Decision.refuse(
          RefusalCode.PRICE_DROP_NOT_REFUNDED,
          "NOF-1",
          "We do not refund the difference"
              + " when a price drops after your purchase; refunds are always based on what you paid.");
    }
    return Decision.accept(
        "price-drop-review",
        Explanation.of(
            "NOF-1",
            "Price-drop refunds are offered under"
                + " policy "
                + policy.version()
                + "; customer care reviews the request."));
  }
}
