package org.aftersales.policy.document;

import java.util.List;

/**
 * What an evidence file of one kind may be (DOA-3): its content types and its size limit in bytes.
 */
public record EvidenceRule(List<String> allowedContentTypes, long maxBytes) {
  public EvidenceRule {
    allowedContentTypes = List.copyOf(allowedContentTypes);
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0");
    }
  }

  public boolean allows(String contentType) {
    return contentType != null
        && allowedContentTypes.contains(contentType.toLowerCase(java.util.Locale.ROOT));
  }
}
