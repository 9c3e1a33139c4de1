package org.aftersales.policy.state;

import java.util.List;

/**
 * What must come back with the units of a line (RET-5): its components and the original packaging.
 */
public record MustInclude(String lineId, List<String> components) {
  public MustInclude {
    components = List.copyOf(components);
  }
}
