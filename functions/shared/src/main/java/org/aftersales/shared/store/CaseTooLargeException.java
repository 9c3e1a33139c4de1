package org.aftersales.shared.store;

/**
 * A return or claim item would exceed DynamoDB's 400 KB item limit (a claim's history grows with
 * every refused file, request for information and repair step, and with the events its writes carry
 * until they are published). Nothing was written; the request that led to it is refused ({@code 422
 * claim-too-large} or {@code return-too-large} at the HTTP edge), as an order's is ({@link
 * OrderTooLargeException}).
 */
public final class CaseTooLargeException extends RuntimeException {

  private final String kind;
  private final String id;

  public CaseTooLargeException(String kind, String id, long bytes, long limit) {
    super(
        kind.toLowerCase(java.util.Locale.ROOT)
            + " "
            + id
            + " would take "
            + bytes
            + " bytes, over the item limit of "
            + limit,
        null,
        false,
        false);
    this.kind = kind;
    this.id = id;
  }

  /** The record's kind: {@code CLAIM} or {@code RETURN}. */
  public String kind() {
    return kind;
  }

  public String id() {
    return id;
  }
}
