package org.aftersales.shared.store;

import java.util.List;

/** One page of a listing; {@code nextCursor} is null on the last page, else opaque to callers. */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
