package org.aftersales.shared.http;

/**
 * Answers one route of the HTTP API. Throws {@link ApiProblem} for any answer that is a problem;
 * any other exception is a bug and becomes a {@code 500}.
 */
@FunctionalInterface
public interface RouteHandler {
  ApiResponse handle(ApiGatewayV2Request request);
}
