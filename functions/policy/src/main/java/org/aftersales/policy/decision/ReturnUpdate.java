package org.aftersales.policy.decision;

import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnCase;

/**
 * A return after a step of its life, the order after it (unit statuses, ledger), the refund granted
 * by the step (null if none) and why.
 */
public record ReturnUpdate(
    ReturnCase returnCase, Order order, Refund refund, Explanation explanation) {}
