package org.aftersales.policy.order;

/** One invalid field of a request: {@code field} is a path like {@code lines[0].quantity}. */
public record FieldError(String field, String message) {}
