package org.aftersales.policy.law;

import java.util.Objects;

/**
 * A statutory value and where it comes from (an article of a directive or of a national law), so
 * that {@code GET /policy}, an explanation or a refusal can cite it.
 *
 * @param value the number (days or months, as the field that holds it says)
 * @param source the provision that sets it, for example "Directive 2011/83/EU Art. 9(1)"
 */
public record Sourced(int value, String source) {

  public Sourced {
    Objects.requireNonNull(source, "source");
    if (value <= 0) {
      throw new IllegalArgumentException("a statutory value is positive: " + value + " " + source);
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("every statutory value names its source");
    }
  }
}
