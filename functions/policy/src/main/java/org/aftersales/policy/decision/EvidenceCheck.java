package org.aftersales.policy.decision;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.EvidenceRule;
import org.aftersales.policy.document.PolicyDocument;

/**
 * DOA-3: checks an uploaded evidence file by its declared content type, its size and its first
 * bytes (the file's real format, not its name). Pure: the caller reads the bytes and removes a file
 * that fails.
 */
public final class EvidenceCheck {

  /** How many leading bytes {@link #check} needs. */
  public static final int HEAD_BYTES = 16;

  private EvidenceCheck() {}

  /** The verdict: ok, or the reason shown on the claim. */
  public record Verdict(boolean ok, String reason) {
    static Verdict accepted() {
      return new Verdict(true, null);
    }

    static Verdict rejected(String reason) {
      return new Verdict(false, reason);
    }
  }

  public static Verdict check(
      PolicyDocument policy, EvidenceKind kind, String contentType, long size, byte[] head) {
    EvidenceRule rule = policy.evidenceRule(kind);
    String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    if (!rule.allows(type)) {
      return Verdict.rejected(
          "A "
              + kind
              + " file must be one of "
              + rule.allowedContentTypes()
              + ", not "
              + (type.isEmpty() ? "an unknown type" : type)
              + ".");
    }
    if (size <= 0) {
      return Verdict.rejected("The file is empty.");
    }
    if (size > rule.maxBytes()) {
      return Verdict.rejected(
          "The file is " + size + " bytes; at most " + rule.maxBytes() + " are allowed.");
    }
    if (!contentMatches(type, head == null ? new byte[0] : head)) {
      return Verdict.rejected("The file's content is not a real " + type + " file.");
    }
    return Verdict.accepted();
  }

  /** Whether the leading bytes are those of {@code contentType}. */
  static boolean contentMatches(String contentType, byte[] head) {
    return switch (contentType) {
      case "image/jpeg" -> startsWith(head, 0, 0xFF, 0xD8, 0xFF);
      case "image/png" -> startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
      case "image/webp" -> ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP");
      case "image/heic" ->
          ascii(head, 4, "ftyp")
              && (ascii(head, 8, "heic")
                  || ascii(head, 8, "heix")
                  || ascii(head, 8, "mif1")
                  || ascii(head, 8, "msf1"));
      case "video/mp4" -> ascii(head, 4, "ftyp") && !ascii(head, 8, "qt  ");
      case "video/quicktime" ->
          ascii(head, 4, "ftyp") && ascii(head, 8, "qt  ")
              || ascii(head, 4, "moov")
              || ascii(head, 4, "mdat")
              || ascii(head, 4, "wide");
      default -> false;
    };
  }

  private static boolean startsWith(byte[] head, int offset, int... expected) {
    if (head.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] head, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    return head.length >= offset + bytes.length
        && Arrays.equals(head, offset, offset + bytes.length, bytes, 0, bytes.length);
  }
}
