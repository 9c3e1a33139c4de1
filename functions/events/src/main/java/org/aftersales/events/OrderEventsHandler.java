package org.aftersales.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import org.aftersales.shared.Production;
import org.aftersales.shared.events.EmailStates;
import org.aftersales.shared.events.EmailStates.EmailState;
import org.aftersales.shared.events.OutboxStore;
import org.aftersales.shared.events.OutboxStore.PublishedEvent;
import org.aftersales.shared.http.ApiFunction;
import org.aftersales.shared.http.ApiGatewayV2Request;
import org.aftersales.shared.http.ApiResponse;
import org.aftersales.shared.http.Caller.Role;
import org.aftersales.shared.http.FunctionPorts;
import org.aftersales.shared.http.PageRequest;
import org.aftersales.shared.http.Router;
import org.aftersales.shared.idempotency.IdempotencyStore;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.observability.EmfMetrics;
import org.aftersales.shared.observability.JsonLog;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.Page;

/**
 * {@code OrderEventsFunction}: {@code GET /orders/{orderId}/events} (owner, agent; another
 * customer's order is a {@code 404}) — what the customer and the store were told about the order
 * and when (MSG-1…MSG-3): {@code {"orderId", "events": [<event> + "email": {"status", "attempts",
 * "updatedAt"} | null], "nextToken"}}, the published events oldest first, {@code limit} 1–100
 * (default 25), {@code nextToken} as the previous page gave it ({@code 400} naming {@code
 * nextToken} for any other). An event still in its outbox is not listed until it is published; the
 * owner is not shown the store-only ones ({@link EventAudience}: an unannounced parcel, RET-3), and
 * their page is filled from the events after them. Reads only: the order, a page of the {@code
 * ByOrder} index (for the owner, more until the page is full), the page's EMAIL items.
 */
public final class OrderEventsHandler extends ApiFunction {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  /** What the function works with: it has no POST route, so no idempotency store. */
  public record Ports(
      OrderRepository orders,
      OutboxStore events,
      EmailStates emails,
      JsonLog log,
      EmfMetrics metrics,
      Clock clock)
      implements FunctionPorts {

    /** The Lambda environment's: the production adapters on {@code TABLE_NAME}. */
    public static Ports production() {
      return new Ports(
          Production.orders(),
          Production.outbox(),
          Production.emailStates(),
          JsonLog.fromEnvironment(),
          EmfMetrics.fromEnvironment(),
          Clock.systemUTC());
    }

    @Override
    public IdempotencyStore idempotency() {
      return null;
    }
  }

  /** Lambda's entry point: production ports (no priming events). */
  public OrderEventsHandler() {
    this(Ports.production());
  }

  public OrderEventsHandler(Ports ports) {
    super(routes(ports.orders(), ports.events(), ports.emails()), ports);
  }

  public static Router routes(OrderRepository orders, OutboxStore events, EmailStates emails) {
    RouteBodies routes = new RouteBodies(new Orders(orders), events, emails);
    return Router.builder().route("GET /orders/{orderId}/events", routes::history).build();
  }

  /** The route body: read the request → the history its caller may read → view. */
  private record RouteBodies(Orders orders, OutboxStore events, EmailStates emails) {

    ApiResponse history(ApiGatewayV2Request request) {
      request.caller().requireAny(Role.CUSTOMER, Role.AGENT);
      JsonBody query = request.query();
      PageRequest paging = PageRequest.read(query, DEFAULT_LIMIT, MAX_LIMIT);
      query.throwIfInvalid();
      String orderId =
          orders.visibleTo(request.caller(), request.pathParameter("orderId")).orderId();
      boolean agent = request.caller().has(Role.AGENT);
      Page<PublishedEvent> page =
          paging.list(
              (cursor, limit) ->
                  agent
                      ? events.history(orderId, cursor, limit)
                      : EventAudience.ownersPage(events, orderId, cursor, limit));
      return ApiResponse.ok(json(orderId, page, emails, agent));
    }
  }

  /**
   * The page as JSON; {@code forAgent} adds each email's {@code lastError}, so an agent sees why an
   * email failed (MSG-3) while the customer sees only that it did.
   */
  static ObjectNode json(
      String orderId, Page<PublishedEvent> page, EmailStates emails, boolean forAgent) {
    Map<String, EmailState> states =
        emails.of(page.items().stream().map(PublishedEvent::eventId).toList());
    ObjectNode json = Json.object();
    json.put("orderId", orderId);
    ArrayNode list = json.putArray("events");
    for (PublishedEvent event : page.items()) {
      ObjectNode item = (ObjectNode) parse(event.json());
      EmailState email = states.get(event.eventId());
      if (email == null) {
        item.putNull("email");
      } else {
        ObjectNode e = item.putObject("email");
        e.put("status", email.status());
        e.put("attempts", email.attempts());
        if (email.updatedAt() == null) {
          e.putNull("updatedAt");
        } else {
          e.put("updatedAt", email.updatedAt().toString());
        }
        if (forAgent && email.lastError() != null) {
          e.put("lastError", email.lastError());
        }
      }
      list.add(item);
    }
    if (page.nextCursor() == null) {
      json.putNull("nextToken");
    } else {
      json.put("nextToken", page.nextCursor());
    }
    return json;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored event is not JSON", e);
    }
  }
}
