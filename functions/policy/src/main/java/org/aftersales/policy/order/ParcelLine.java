package org.aftersales.policy.order;

/** {@code quantity} units of line {@code lineId} travel in a parcel. */
public record ParcelLine(String lineId, int quantity) {}
