package org.aftersales.shared.store;

import java.util.List;
import java.util.function.Function;

/** One page of a listing; {@code nextCursor} is null on the last page, else opaque to callers. */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  public <U> Page<U> map(Function<T, U> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextCursor);
  }
}
