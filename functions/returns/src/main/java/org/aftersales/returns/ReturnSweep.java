package org.aftersales.returns;

import org.aftersales.policy.document.PolicyBook;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.ReturnRepository;

/**
 * What the steps of the hourly {@link ReturnExpiryHandler} run work with: the stores, the policy
 * versions, the log, the page size of their {@code ByStatus} queries and the time a step stops
 * taking new returns before the invocation ends.
 */
record ReturnSweep(
    OrderRepository orders,
    ReturnRepository returns,
    PolicyBook book,
    JsonLog log,
    int pageSize,
    long minRemainingMillis) {}
