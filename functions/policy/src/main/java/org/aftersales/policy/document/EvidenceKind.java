package org.aftersales.policy.document;

/** The three pieces of evidence a DOA claim needs (DOA-2). */
public enum EvidenceKind {
  /** A photo or video showing the problem. */
  PROBLEM,
  /** A photo of the shipping label. */
  SHIPPING_LABEL,
  /** A photo of the original packaging. */
  PACKAGING
}
