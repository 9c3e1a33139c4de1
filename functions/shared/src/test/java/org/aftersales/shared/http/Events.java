package org.aftersales.shared.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.aftersales.shared.json.Json;

/** Loads the API Gateway HTTP API v2 event fixtures of {@code src/test/resources/events/}. */
final class Events {

  private Events() {}

  static ObjectNode load(String name) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture events/" + name);
      }
      return (ObjectNode) Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ApiGatewayV2Request request(String name) {
    return ApiGatewayV2Request.fromEvent(load(name));
  }

  /** A fixture with another JSON body (plain, not base64). */
  static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    event.put("isBase64Encoded", false);
    return event;
  }

  static ObjectNode withHeader(ObjectNode event, String name, String value) {
    ((ObjectNode) event.get("headers")).put(name, value);
    return event;
  }

  static ObjectNode withoutHeader(ObjectNode event, String name) {
    ((ObjectNode) event.get("headers")).remove(name);
    return event;
  }
}
