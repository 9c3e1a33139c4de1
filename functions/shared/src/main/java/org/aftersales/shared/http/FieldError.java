package org.aftersales.shared.http;

import java.util.Objects;

/**
 * One offending input field of a {@code 400} problem: {@code field} is a path into the request
 * ({@code lines[0].quantity}, or {@code body} / a header name when the whole thing is wrong).
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
