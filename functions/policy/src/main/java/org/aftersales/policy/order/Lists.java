package org.aftersales.policy.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Immutable copies that keep order and tolerate nulls (validation reports them, not constructors).
 */
final class Lists {
  private Lists() {}

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
