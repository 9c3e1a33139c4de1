package org.aftersales.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.aftersales.reliability.ApiRoutes.Operation;

/**
 * A valid request of every operation on the {@link World}'s resources: its path parameters are the
 * world's ids, its body openapi.yaml's example re-targeted at the world's order, its query the
 * listing's default. The fuzz starts from these and breaks one thing at a time.
 */
final class Requests {

  record Request(String path, String query, String body) {}

  private final World world;

  Requests(World world) {
    this.world = world;
  }

  Request valid(Operation op) {
    String path = op.path();
    for (String name : op.pathParameters()) {
      path = path.replace("{" + name + "}", validId(name));
    }
    String query =
        switch (op.routeKey()) {
          case "GET /claims" -> "status=UNDER_REVIEW&limit=10";
          case "GET /refunds" -> "status=PENDING&limit=10";
          default -> null;
        };
    return new Request(path, query, op.hasBody() ? body(op.bodyExample()) : null);
  }

  /** The world's resource a path parameter names. */
  String validId(String parameter) {
    return switch (parameter) {
      case "orderId" -> world.orderId;
      case "parcelId" -> "P1";
      case "returnId" -> world.returnId;
      case "claimId" -> world.claimId;
      case "refundId" -> world.refundId;
      // A route whose resource the world does not make yet: a well-formed id of nothing (404).
      default -> "x-" + parameter;
    };
  }

  /** Path parameters in order, each replaced by {@code values} where given. */
  static String path(Operation op, List<String> values) {
    String path = op.path();
    for (int i = 0; i < op.pathParameters().size(); i++) {
      path = path.replace("{" + op.pathParameters().get(i) + "}", values.get(i));
    }
    return path;
  }

  private String body(JsonNode example) {
    return example.toString().replace("\"o-1001\"", "\"" + world.orderId + "\"");
  }
}
