package org.aftersales.policy.order;

/**
 * Whether a text is an email address as SMTP carries it (RFC 5321 section 4.1.2 {@code Mailbox}):
 * {@code Local-part "@" ( Domain / address-literal )}, the local part a dot-string of atoms or a
 * quoted string, the domain dot-separated labels of letters, digits and inner hyphens (at most 63
 * characters each), or an address literal in brackets ({@code [192.0.2.1]}, {@code [IPv6:…]}).
 * Limits of section 4.5.3.1: local part at most 64 octets, the whole address at most 254 (the
 * 256-octet path less its angle brackets). ASCII only (addresses in UTF-8 need SMTPUTF8, RFC 6531,
 * which the sender is not assumed to have). Pure function.
 */
public final class EmailSyntax {

  /** Most characters of an address. */
  public static final int MAX_LENGTH = 254;

  /** Most characters of its local part. */
  public static final int MAX_LOCAL_LENGTH = 64;

  private static final int MAX_LABEL_LENGTH = 63;

  /** RFC 5322 {@code atext} besides letters and digits. */
  private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

  private EmailSyntax() {}

  /** What is wrong with {@code address}, or {@code null} when it is an address. */
  public static String problem(String address) {
    if (address == null || address.isEmpty()) {
      return "is empty";
    }
    if (address.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return "must be ASCII without control characters";
      }
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return "has no @";
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (local.isEmpty()) {
      return "has an empty local part (before @)";
    }
    if (local.length() > MAX_LOCAL_LENGTH) {
      return "has a local part (before @) longer than " + MAX_LOCAL_LENGTH + " characters";
    }
    if (!(isDotString(local) || isQuotedString(local))) {
      return "has a local part (before @) that is neither dot-separated words nor a quoted string";
    }
    if (domain.isEmpty()) {
      return "has no domain (after @)";
    }
    if (!(isDomain(domain) || isAddressLiteral(domain))) {
      return "has a domain (after @) that is neither a host name nor an address literal";
    }
    return null;
  }

  public static boolean isValid(String address) {
    return problem(address) == null;
  }

  /** {@code Atom *("." Atom)}: no empty atom, so no leading, trailing or double dot. */
  private static boolean isDotString(String s) {
    boolean atomStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (atomStart) {
          return false;
        }
        atomStart = true;
      } else if (isAtext(c)) {
        atomStart = false;
      } else {
        return false;
      }
    }
    return !atomStart;
  }

  /** {@code DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE}. */
  private static boolean isQuotedString(String s) {
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return false;
    }
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
        if (i >= s.length() - 1) {
          return false; // the backslash quotes the closing quote
        }
      } else if (c == '"') {
        return false;
      }
    }
    return true;
  }

  /** {@code sub-domain *("." sub-domain)}, each {@code Let-dig [Ldh-str]}. */
  private static boolean isDomain(String s) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (!isLabel(s, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  private static boolean isLabel(String s, int start, int end) {
    int length = end - start;
    if (length < 1 || length > MAX_LABEL_LENGTH) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      boolean letDig = isLetter(c) || isDigit(c);
      if (!letDig && !(c == '-' && i != start && i != end - 1)) {
        return false;
      }
    }
    return true;
  }

  /** {@code "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"}. */
  private static boolean isAddressLiteral(String s) {
    if (s.length() < 3 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
      return false;
    }
    String inner = s.substring(1, s.length() - 1);
    if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
      return isIpv6(inner.substring(5));
    }
    return isIpv4(inner);
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(EmailSyntax::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * IPv6-full (8 groups), IPv6-comp ({@code ::} once, at most 6 groups), and the forms ending in an
   * IPv4 address (6 groups, or at most 4 with {@code ::}).
   */
  private static boolean isIpv6(String s) {
    int full = 8;
    int compressedMost = 6;
    String hex = s;
    int lastColon = s.lastIndexOf(':');
    if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
      if (!isIpv4(s.substring(lastColon + 1))) {
        return false;
      }
      hex = s.substring(0, lastColon + 1);
      if (!hex.endsWith("::")) {
        hex = hex.substring(0, hex.length() - 1);
      }
      full = 6;
      compressedMost = 4;
    }
    int compressed = hex.indexOf("::");
    if (compressed < 0) {
      return hexGroups(hex) == full;
    }
    if (hex.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    int left = hexGroups(hex.substring(0, compressed));
    int right = hexGroups(hex.substring(compressed + 2));
    return left >= 0 && right >= 0 && left + right <= compressedMost;
  }

  /** How many colon-separated hex groups {@code s} is (0 when empty), or -1 when it is not. */
  private static int hexGroups(String s) {
    if (s.isEmpty()) {
      return 0;
    }
    String[] groups = s.split(":", -1);
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(EmailSyntax::isHex)) {
        return -1;
      }
    }
    return groups.length;
  }

  private static boolean isAtext(char c) {
    return isLetter(c) || isDigit(c) || ATEXT_SPECIALS.indexOf(c) >= 0;
  }

  private static boolean isLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
