package org.aftersales.shared.http;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aftersales.policy.state.Order;
import org.aftersales.shared.idempotency.IdempotencyStore.StoredResponse;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.OrderUpdates.Answered;
import org.aftersales.shared.store.OrderUpdates.Change;
import org.aftersales.shared.store.OrderUpdates.Recording;

/**
 * Answers a POST that changes one order item with its {@code Idempotency-Key} record kept ON that
 * item, in the same conditional write as the change and its events (openapi.yaml "Conventions";
 * docs/design.md "Events"): one read of the order, one write, and a replay answered from the read.
 * The route is registered with {@link Router.Builder#answering}, so {@link ApiFunction} does not
 * wrap it in the separate idempotency store as well.
 *
 * <p>With a key (scoped to the caller, hashed with the request as {@link Idempotency} does): the
 * key's live record on the order → its first response again ({@code idempotent-replayed: true}), or
 * {@code 422 idempotency-key-reused} for a different request, nothing written; else the change runs
 * and its answer ({@code view} of the result, a refusal's problem included) is written with it,
 * also when the change itself writes nothing. Without a key: the change runs and writes only when
 * it changes the order.
 */
public record OrderAnswers(OrderUpdates updates, Clock clock) {

  /**
   * @param visible whether the caller may see the order read (else {@code 404}, like a missing one)
   * @param view the response to a result on the order it was decided on; a problem it throws is the
   *     answer
   */
  public <R> ApiResponse answer(
      ApiGatewayV2Request request,
      String orderId,
      Predicate<Order> visible,
      Function<Order, Change<R>> change,
      BiFunction<R, Order, ApiResponse> view) {
    Optional<String> header = request.header(Idempotency.KEY_HEADER);
    Optional<String> scope = request.caller().idempotencyScope();
    Recording<R> recording = null;
    String hash = null;
    if (header.isPresent() && scope.isPresent()) {
      String key = Idempotency.validKey(header.get());
      hash = Idempotency.requestHash(request);
      recording =
          new Recording<>(
              scope.get() + "#" + key,
              hash,
              clock.instant(),
              (result, order) -> stored(answer(view, result, order)));
    }
    Answered<R> answered = updates.applyAnswering(orderId, visible, change, recording);
    if (answered.replay() != null) {
      return Idempotency.replay(
          answered.replay().requestHash(), answered.replay().response(), hash);
    }
    if (answered.answer() != null) {
      StoredResponse first = answered.answer();
      return new ApiResponse(first.status(), first.headers(), first.body());
    }
    return answer(view, answered.applied().result(), answered.applied().order());
  }

  private static <R> ApiResponse answer(
      BiFunction<R, Order, ApiResponse> view, R result, Order order) {
    try {
      return view.apply(result, order);
    } catch (ApiProblem problem) {
      return problem.toResponse();
    }
  }

  private static StoredResponse stored(ApiResponse response) {
    return new StoredResponse(response.status(), response.headers(), response.body());
  }
}
