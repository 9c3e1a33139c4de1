package org.aftersales.shared.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against the 400 KB limit: attribute names and string values
 * in UTF-8 bytes, numbers about one byte per two digits plus one, 3 bytes per list or map plus one
 * per element, 1 byte per boolean or null. An upper estimate, so an item it accepts fits.
 */
final class ItemSize {

  /** DynamoDB's item size limit. */
  static final long LIMIT = 400 * 1024;

  private ItemSize() {}

  static long of(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      bytes += utf8(e.getKey()) + of(e.getValue());
    }
    return bytes;
  }

  private static long of(AttributeValue value) {
    if (value.s() != null) {
      return utf8(value.s());
    }
    if (value.n() != null) {
      return value.n().length() / 2 + 2;
    }
    if (value.hasL()) {
      long bytes = 3;
      for (AttributeValue v : value.l()) {
        bytes += 1 + of(v);
      }
      return bytes;
    }
    if (value.hasM()) {
      long bytes = 3;
      for (Map.Entry<String, AttributeValue> e : value.m().entrySet()) {
        bytes += 1 + utf8(e.getKey()) + of(e.getValue());
      }
      return bytes;
    }
    return 1;
  }

  private static long utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
