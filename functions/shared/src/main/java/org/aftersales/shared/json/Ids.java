package org.aftersales.shared.json;

import java.util.regex.Pattern;
import org.aftersales.shared.http.ApiProblem;

/**
 * The one check of an id, wherever it arrives (a path parameter, a body field): openapi.yaml's
 * {@code Id} schema, 1 to 64 characters of {@code [A-Za-z0-9._:-]} starting with a letter or digit
 * — so no {@code ~} (the public refund id separator), no {@code ..}, no spaces, control or bidi
 * characters — and {@code PublicRefundId} {@code {orderId}~{ledger id}} for {@code refundId}.
 * Anything else is a {@code 400} naming the field, before any store is read.
 */
public final class Ids {

  public static final int MAX_LENGTH = 64;

  private static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
  private static final Pattern PLAIN = Pattern.compile(ID);
  private static final Pattern PUBLIC_REFUND_ID = Pattern.compile(ID + "~" + ID);

  /** The path parameter that carries a public refund id rather than a plain {@code Id}. */
  public static final String REFUND_ID = "refundId";

  private Ids() {}

  /** Why {@code value} is not an id, or {@code null} if it is one. */
  public static String problem(String value) {
    return value != null && PLAIN.matcher(value).matches() ? null : message();
  }

  /** The message of a value that is not an {@code Id}. */
  public static String message() {
    return "must be an id: 1 to "
        + MAX_LENGTH
        + " of A-Z a-z 0-9 . _ : - starting with a letter or digit";
  }

  /**
   * A path parameter checked against its schema: {@code refundId} is a {@code PublicRefundId},
   * every other one an {@code Id}. {@code 400} on that parameter otherwise.
   */
  public static String pathParameter(String name, String value) {
    boolean ok =
        REFUND_ID.equals(name)
            ? value.length() <= 2 * MAX_LENGTH + 1 && PUBLIC_REFUND_ID.matcher(value).matches()
            : PLAIN.matcher(value).matches();
    if (!ok) {
      throw ApiProblem.badRequest(
          name,
          REFUND_ID.equals(name)
              ? "must be a refund id {orderId}~{ledger id} as a refund shows it"
              : message());
    }
    return value;
  }
}
