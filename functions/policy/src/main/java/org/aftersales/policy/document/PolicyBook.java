package org.aftersales.policy.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every version of the store policy, ordered by {@code effectiveFrom} (GEN-7). The default book is
 * the classpath resource {@value #RESOURCE}; reading it is the only I/O of the policy module.
 */
public final class PolicyBook {

  public static final String RESOURCE = "/org/aftersales/policy/policies.json";

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

  /**
   * The book in {@value #RESOURCE}. @throws PolicyFormatException if the file is not a valid book
   */
  public static PolicyBook loadDefault() {
    try (InputStream in = PolicyBook.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("can not read " + RESOURCE, e);
    }
  }

  /** A book from its JSON text (format: see {@code policies.json}). */
  public static PolicyBook parse(String json) {
    return PolicyBookReader.read(json);
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
