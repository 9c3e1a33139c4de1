package org.aftersales.shared.evidence;

import java.util.regex.Pattern;

/**
 * The storage key of one evidence upload: {@code claims/{claimId}/{kind}/{uploadId}}.
 *
 * <p>Each part is one path segment (letters, digits, {@code - _ .}; not {@code .} or {@code ..}),
 * so a key can never reach outside its claim's prefix.
 */
public record EvidenceKey(String claimId, String kind, String uploadId) {

  /** The prefix of every evidence key: the evidence trigger listens on it. */
  public static final String PREFIX = "claims/";

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public EvidenceKey {
    requireSegment(claimId, "claimId");
    requireSegment(kind, "kind");
    requireSegment(uploadId, "uploadId");
  }

  /** The object key. */
  public String value() {
    return PREFIX + claimId + "/" + kind + "/" + uploadId;
  }

  /** The prefix under which all of one claim's evidence lives. */
  public static String claimPrefix(String claimId) {
    requireSegment(claimId, "claimId");
    return PREFIX + claimId + "/";
  }

  /** Parses an object key of the form {@code claims/{claimId}/{kind}/{uploadId}}. */
  public static EvidenceKey parse(String key) {
    if (key == null || !key.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an evidence key: " + key);
    }
    String[] parts = key.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not an evidence key: " + key);
    }
    return new EvidenceKey(parts[0], parts[1], parts[2]);
  }

  @Override
  public String toString() {
    return value();
  }

  private static void requireSegment(String value, String name) {
    if (value == null
        || !SEGMENT.matcher(value).matches()
        || value.equals(".")
        || value.equals("..")) {
      throw new IllegalArgumentException(
          name + " must be 1-128 of [A-Za-z0-9_.-] and not '.' or '..': " + value);
    }
  }
}
