package org.aftersales.policy.decision;

import org.aftersales.policy.refund.Refund;
import org.aftersales.policy.state.ClaimCase;
import org.aftersales.policy.state.Order;

/**
 * A claim after a step of its life, the order after it, the refund granted by the step (or null)
 * and why.
 */
public record ClaimUpdate(ClaimCase claim, Order order, Refund refund, Explanation explanation) {}
