package org.aftersales.policy.document;

/**
 * The policy JSON is malformed or does not describe a valid policy book; the message says where.
 */
public final class PolicyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PolicyFormatException(String message) {
    super(message);
  }

  public PolicyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
