package org.aftersales.policy.document;

import java.util.List;

/** Where authorised returns are sent (RET-2). */
public record ReturnAddress(String recipient, List<String> lines, String countryCode) {
  public ReturnAddress {
    lines = List.copyOf(lines);
  }
}
