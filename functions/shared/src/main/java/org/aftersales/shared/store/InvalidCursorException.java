package org.aftersales.shared.store;

/** A pagination cursor ({@code nextToken}) that this service did not issue; handlers answer 400. */
public final class InvalidCursorException extends RuntimeException {

  public InvalidCursorException(String message) {
    super(message, null, false, false);
  }
}
