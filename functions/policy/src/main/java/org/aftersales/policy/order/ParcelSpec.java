package org.aftersales.policy.order;

import java.util.List;

/** A parcel of the order as planned at registration: which units of which lines it carries. */
public record ParcelSpec(String parcelId, List<ParcelLine> lines) {
  public ParcelSpec {
    lines = Lists.copy(lines);
  }
}
