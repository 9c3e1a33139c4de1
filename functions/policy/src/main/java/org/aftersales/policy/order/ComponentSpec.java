package org.aftersales.policy.order;

/**
 * A component, accessory or spare part that comes with each unit of a line, with its listed price
 * in minor units: charged when missing from a return (RET-5), the default amount of a partial DOA
 * refund (DOA-4).
 */
public record ComponentSpec(String componentId, String name, long price) {}
