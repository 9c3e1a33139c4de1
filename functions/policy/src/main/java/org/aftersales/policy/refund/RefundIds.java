package org.aftersales.policy.refund;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refund ids derived from their cause, so a retried or replayed step finds its own refund (GEN-4
 * under retries): {@code rf-<source>-<sourceId>}; a source id that is not a plain {@code
 * [A-Za-z0-9_-]{1,64}} token is replaced by a SHA-256 prefix of it. Deterministic.
 */
public final class RefundIds {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private RefundIds() {}

  public static String of(RefundSource source, String sourceId) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sourceId, "sourceId");
    String part =
        PLAIN.matcher(sourceId).matches() ? sourceId : "h" + sha256(sourceId).substring(0, 32);
    return "rf-" + source.name().toLowerCase(Locale.ROOT) + "-" + part;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
