package org.aftersales.policy.document;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every version of the store policy, ordered by {@code effectiveFrom} (GEN-7). The store's book is
 * {@link StorePolicies}, built in code.
 */
public final class PolicyBook {

  private final List<PolicyDocument> versions;

  public PolicyBook(List<PolicyDocument> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("GEN-7: a policy book has at least one version");
    }
    Set<String> ids = new HashSet<>();
    for (PolicyDocument v : versions) {
      if (!ids.add(v.version())) {
        throw new IllegalArgumentException("GEN-7: duplicate policy version " + v.version());
      }
    }
    this.versions =
        versions.stream().sorted(Comparator.comparing(PolicyDocument::effectiveFrom)).toList();
    for (int i = 1; i < this.versions.size(); i++) {
      if (this.versions.get(i).effectiveFrom().equals(this.versions.get(i - 1).effectiveFrom())) {
        throw new IllegalArgumentException(
            "GEN-7: two policy versions take effect at " + this.versions.get(i).effectiveFrom());
      }
    }
  }

  /** The store's book: {@link StorePolicies#book()} (no I/O; the name is kept for its callers). */
  public static PolicyBook loadDefault() {
    return StorePolicies.book();
  }

  /** Every version, oldest first. */
  public List<PolicyDocument> versions() {
    return versions;
  }

  /**
   * GEN-7: the version in force at {@code instant} (the latest whose {@code effectiveFrom} is not
   * after it): an order is judged by {@code inForceAt(placedAt)}.
   *
   * @throws IllegalStateException if {@code instant} is before the first version
   */
  public PolicyDocument inForceAt(Instant instant) {
    PolicyDocument found = null;
    for (PolicyDocument v : versions) {
      if (!v.effectiveFrom().isAfter(instant)) {
        found = v;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          "GEN-7: no policy version was in force at "
              + instant
              + "; the first takes effect at "
              + versions.getFirst().effectiveFrom());
    }
    return found;
  }

  /** The version in force now (what {@code GET /policy} shows). */
  public PolicyDocument current(Instant now) {
    return inForceAt(now);
  }

  /**
   * GEN-7: the version an order is judged by: the one recorded on it at registration, or, should
   * that version no longer be in the book, the one in force when it was placed (which is what was
   * recorded). Every function asks this one place.
   */
  public PolicyDocument judging(String recordedVersion, Instant placedAt) {
    return byVersion(recordedVersion).orElseGet(() -> inForceAt(placedAt));
  }

  public Optional<PolicyDocument> byVersion(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }
}
