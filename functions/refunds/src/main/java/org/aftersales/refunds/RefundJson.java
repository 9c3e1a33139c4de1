package org.aftersales.refunds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.policy.refund.PublicRefundId;
import org.aftersales.policy.refund.Refund;
import org.aftersales.shared.json.ApiJson;

/**
 * A refund in API.md's shape ({@link ApiJson#refund}) with its public id
 * {@code {orderId}~{ledger refund id}} ({@link PublicRefundId}), the id
 * {@code POST /refunds/{refundId}/settlement} takes.
 */
final class RefundJson {

    private RefundJson() {
    }

    static ObjectNode of(Refund refund) {
        ObjectNode node = ApiJson.refund(refund);
        node.put("refundId", PublicRefundId.valueOf(refund));
        return node;
    }
}
