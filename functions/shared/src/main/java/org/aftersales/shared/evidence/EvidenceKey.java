package org.aftersales.shared.evidence;

import java.util.regex.Pattern;

/**
 * The storage key of one evidence upload: {@code claims/{claimId}/{kind}/{uploadId}}, where an
 * accepted upload is kept: {@code accepted/{claimId}/{kind}/{uploadId}/{sequencer}} (accepted
 * evidence is immutable), and where a withdrawal's acknowledgement record is kept: {@code
 * withdrawals/{withdrawalId}.json} (LAW-3, {@link #withdrawalRecord}).
 *
 * <p>Each part is one path segment (letters, digits, {@code - _ .}; not {@code .} or {@code ..}),
 * so a key can never reach outside its claim's prefix. Upload URLs are only ever signed for {@code
 * claims/} keys and the evidence trigger only listens there: an accepted copy can be neither
 * overwritten through an upload URL nor trigger the evidence function again. The same holds for a
 * withdrawal record: every upload key is {@link #value()}, which starts with {@link #PREFIX}, so no
 * upload URL can name a key under {@link #WITHDRAWALS_PREFIX}.
 */
public record EvidenceKey(String claimId, String kind, String uploadId) {

  /** The prefix of every evidence key: the evidence trigger listens on it. */
  public static final String PREFIX = "claims/";

  /** The prefix of accepted evidence: no upload URL is signed for it, no trigger listens on it. */
  public static final String ACCEPTED_PREFIX = "accepted/";

  /**
   * The prefix of withdrawal records (LAW-3): no upload URL is signed for it (uploads are {@link
   * #PREFIX} keys only), no trigger listens on it.
   */
  public static final String WITHDRAWALS_PREFIX = "withdrawals/";

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

  /**
   * Where the upload that S3 reported with {@code sequencer} is kept once accepted: one key per
   * upload event, so two events of one upload key never write the same accepted object.
   */
  public String acceptedKey(String sequencer) {
    requireSegment(sequencer, "sequencer");
    return ACCEPTED_PREFIX + claimId + "/" + kind + "/" + uploadId + "/" + sequencer;
  }

  /**
   * The upload a stored evidence key belongs to: an accepted key ({@link #acceptedKey}) or, for
   * files recorded before acceptance copied them, an upload key.
   */
  public static EvidenceKey ofStored(String key) {
    if (key != null && key.startsWith(ACCEPTED_PREFIX)) {
      String[] parts = key.substring(ACCEPTED_PREFIX.length()).split("/", -1);
      if (parts.length == 4) {
        requireSegment(parts[3], "sequencer");
        return new EvidenceKey(parts[0], parts[1], parts[2]);
      }
      throw new IllegalArgumentException("not an accepted evidence key: " + key);
    }
    return parse(key);
  }

  /** Where the acknowledgement record of withdrawal {@code withdrawalId} is kept (LAW-3). */
  public static String withdrawalRecord(String withdrawalId) {
    requireSegment(withdrawalId, "withdrawalId");
    return WITHDRAWALS_PREFIX + withdrawalId + ".json";
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
