package org.aftersales.shared.store;

/** A conditional return write found another version stored than the one it was based on. */
public final class StaleReturnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StaleReturnException(String returnId, long expectedVersion) {
    super("return " + returnId + " is no longer at version " + expectedVersion, null, false, false);
  }
}
