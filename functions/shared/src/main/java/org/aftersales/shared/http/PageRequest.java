package org.aftersales.shared.http;

import java.util.function.BiFunction;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.InvalidCursorException;

/**
 * The paging of a list route ({@code GET /claims}, {@code GET /refunds}): {@code limit} from 1 to
 * the route's maximum, {@code nextToken} as the previous page gave it. A bad {@code limit} is
 * recorded on the query ({@code 400} with the query's other errors); a token the listing did not
 * give is {@code 400 nextToken} ({@link #list}).
 */
public record PageRequest(String cursor, int limit) {

  private static final int MAX_TOKEN = 2000;

  /** Reads {@code limit} and {@code nextToken} from the query; the caller throws its errors. */
  public static PageRequest read(JsonBody query, int defaultLimit, int maxLimit) {
    int limit = query.optionalString("limit").map(PageRequest::parse).orElse(defaultLimit);
    if (limit < 1 || limit > maxLimit) {
      query.reject("limit", "must be an integer from 1 to " + maxLimit);
    }
    return new PageRequest(query.optionalString("nextToken", MAX_TOKEN).orElse(null), limit);
  }

  /** Runs the listing from this page's cursor. */
  public <T> T list(BiFunction<String, Integer, T> listing) {
    try {
      return listing.apply(cursor, limit);
    } catch (InvalidCursorException e) {
      throw ApiProblem.badRequest("nextToken", "is not a token this listing gave");
    }
  }

  private static int parse(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
