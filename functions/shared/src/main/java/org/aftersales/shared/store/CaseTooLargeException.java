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

  /** The write itself, {@code bytes} as counted, is over {@code limit}. */
  public CaseTooLargeException(String kind, String id, long bytes, long limit) {
    this(kind, id, "would take " + bytes + " bytes, over the item limit of " + limit);
  }

  /**
   * DynamoDB refused the write: with what the item keeps from earlier writes (events not yet
   * published, request records) it is over {@code limit}, though the write alone was not.
   */
  public CaseTooLargeException(String kind, String id, long limit) {
    this(kind, id, "would exceed the item limit of " + limit + " with what the item already holds");
  }

  private CaseTooLargeException(String kind, String id, String what) {
    super(kind.toLowerCase(java.util.Locale.ROOT) + " " + id + " " + what, null, false, false);
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
