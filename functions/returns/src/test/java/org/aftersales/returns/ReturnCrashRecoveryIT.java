package org.aftersales.returns;

import static org.aftersales.returns.ReturnsApi.event;
import static org.aftersales.returns.ReturnsApi.forOrder;
import static org.aftersales.returns.ReturnsApi.forReturn;
import static org.aftersales.returns.ReturnsApi.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aftersales.policy.order.UnitRef;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;
import org.aftersales.shared.store.OrderUpdates;
import org.aftersales.shared.store.StoredReturn;
import org.aftersales.shared.store.UnitHolds;
import org.aftersales.shared.testing.CrashingOrders;
import org.aftersales.shared.testing.LambdaRun;
import org.aftersales.shared.testing.LocalAws;
import org.aftersales.shared.testing.LocalAwsServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The twin of {@code ClaimCrashRecoveryIT}: a Lambda dying around the order write of a return step
 * (simulated by {@link CrashingOrders} on the real local servers), then the next write request on
 * the return (a GET only shows the repair, {@code ReturnHalfDoneIT}): the units are never left
 * locked, the order names the one return holding them, and a refund is on the order exactly once
 * (RET-2, RET-6, RET-9, GEN-4).
 */
@ExtendWith(LocalAwsServers.class)
class ReturnCrashRecoveryIT {

  private static final UnitRef FIRST = new UnitRef("L1", 0);
  private static final UnitRef SECOND = new UnitRef("L1", 1);

  private final CrashingOrders crashes = new CrashingOrders();
  private final ReturnsApi api;
  private String orderId;

  ReturnCrashRecoveryIT(LocalAws aws) {
    this.api = new ReturnsApi(aws, crashes::wrap);
  }

  @BeforeEach
  void newOrder() {
    orderId = api.deliveredOrder();
  }

  @Test
  void a_crash_before_the_units_are_taken_is_finished_by_the_retry_with_the_same_key() {
    String key = api.aws.uniqueId("k");
    crashes.beforeReplace();

    assertThat(api.crashing(authorize(key)).status()).isEqualTo(500);
    assertThat(crashes.happened()).isTrue();
    StoredReturn written = onlyReturn();
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);

    LambdaRun.Response retried = api.invoke(authorize(key));

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().get("returnId").asText()).isEqualTo(written.returnId());
    assertThat(order().heldBy(FIRST)).contains(written.returnId());
    assertThat(order().statusOf(SECOND)).isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void a_crash_after_the_units_are_taken_is_finished_by_the_retry_which_takes_no_more() {
    String key = api.aws.uniqueId("k");
    crashes.afterReplace();

    assertThat(api.crashing(authorize(key)).status()).isEqualTo(500);
    StoredReturn written = onlyReturn();
    assertThat(order().heldBy(FIRST)).contains(written.returnId());

    LambdaRun.Response retried = api.invoke(authorize(key));

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    assertThat(retried.body().get("returnId").asText()).isEqualTo(written.returnId());
    assertThat(onlyReturn().returnId()).isEqualTo(written.returnId());
    assertThat(order().heldBy(FIRST)).contains(written.returnId());
    assertThat(order().statusOf(SECOND)).isEqualTo(UnitStatus.ACTIVE);
  }

  @Test
  void a_return_a_dead_request_left_without_its_units_takes_them_before_it_is_withdrawn() {
    crashes.beforeReplace();
    assertThat(api.crashing(authorize(api.aws.uniqueId("k"))).status()).isEqualTo(500);
    StoredReturn written = onlyReturn();

    LambdaRun.Response withdrawn = api.invoke(withdraw(written.returnId()));

    // it took them (RET-2), then let them go: the order names nobody
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(order().heldBy(FIRST)).isEmpty();
    assertThat(api.pending(orderId, "ReturnAuthorized")).hasSize(1);
  }

  @Test
  void a_return_whose_units_went_elsewhere_while_its_request_was_dead_is_void() {
    crashes.beforeReplace();
    assertThat(api.crashing(authorize(api.aws.uniqueId("k"))).status()).isEqualTo(500);
    StoredReturn dead = onlyReturn();
    // meanwhile a claim took the unit (the claims function writes the order, not a return)
    api.orders.replace(
        order().take(List.of(FIRST), UnitStatus.CLAIM_OPEN, "cl-elsewhere").orElseThrow());

    LambdaRun.Response withdrawn = api.invoke(withdraw(dead.returnId()));

    assertThat(withdrawn.status()).isEqualTo(404);
    assertThat(api.returns.find(dead.returnId())).isEmpty();
    assertThat(order().heldBy(FIRST)).contains("cl-elsewhere");
  }

  @Test
  void a_withdrawal_whose_order_write_failed_releases_the_units_on_the_next_request() {
    String returnId = authorised();
    crashes.beforeReplace();

    assertThat(
            api.crashing(withKey(forReturn(event("withdraw-customer"), returnId), null)).status())
        .isEqualTo(500);
    assertThat(api.returns.find(returnId).orElseThrow().state().status())
        .isEqualTo(ReturnStatus.WITHDRAWN);
    assertThat(order().heldBy(FIRST)).as("its order step is still to do").contains(returnId);

    LambdaRun.Response again = api.invoke(withdraw(returnId));

    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(order().heldBy(FIRST)).isEmpty();
  }

  @Test
  void a_receipt_whose_order_write_failed_refunds_exactly_once_on_the_next_request() {
    String returnId = authorised();
    crashes.beforeReplace();

    assertThat(api.crashing(receipt(returnId)).status()).isEqualTo(500);
    assertThat(api.returns.find(returnId).orElseThrow().state().status())
        .isEqualTo(ReturnStatus.RECEIVED);
    assertThat(order().refunds()).isEmpty();

    LambdaRun.Response read = api.invoke(forReturn(event("get-agent"), returnId));
    LambdaRun.Response again = api.invoke(receipt(returnId));

    assertThat(read.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().at("/refund/refundId")).isEqualTo(read.body().at("/refund/refundId"));
    assertThat(order().refunds()).hasSize(1);
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.RETURNED);
  }

  @Test
  void a_crash_after_the_refund_before_the_return_is_marked_refunded_refunds_once() {
    String returnId = authorised();
    crashes.afterReplace();

    assertThat(api.crashing(receipt(returnId)).status()).isEqualTo(500);
    assertThat(order().refunds()).hasSize(1);

    LambdaRun.Response again = api.invoke(receipt(returnId));

    assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
    assertThat(again.body().get("status").asText()).isEqualTo("REFUNDED");
    assertThat(order().refunds()).hasSize(1);
  }

  @Test
  void units_taken_again_for_a_return_a_rival_withdrew_meanwhile_are_let_go_at_once() {
    assertThat(api.invoke(authorize(api.aws.uniqueId("k"))).status()).isEqualTo(201);
    StoredReturn readBeforeTheWithdrawal = onlyReturn();
    LambdaRun.Response withdrawn =
        api.invoke(
            withKey(
                forReturn(event("withdraw-customer"), readBeforeTheWithdrawal.returnId()), null));
    assertThat(withdrawn.status()).as(withdrawn.body().toString()).isEqualTo(200);
    Order readAfterTheRelease = order();
    assertThat(readAfterTheRelease.statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);

    // a request that read the return AUTHORIZED before the withdrawal and the order after it
    boolean notVoid =
        new UnitHolds(new OrderUpdates(api.orders))
            .takeOrVoid(readBeforeTheWithdrawal, readAfterTheRelease, api.returns);

    assertThat(notVoid).isTrue();
    assertThat(order().statusOf(FIRST)).isEqualTo(UnitStatus.ACTIVE);
    assertThat(order().heldBy(FIRST)).isEmpty();
    assertThat(onlyReturn().state().status()).isEqualTo(ReturnStatus.WITHDRAWN);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode authorize(String key) {
    return withKey(forOrder(event("authorize-customer"), orderId), key);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode withdraw(String returnId) {
    return withKey(forReturn(event("withdraw-customer"), returnId), null);
  }

  private com.fasterxml.jackson.databind.node.ObjectNode receipt(String returnId) {
    return withKey(forReturn(event("receipt-warehouse"), returnId), api.aws.uniqueId("scan"));
  }

  private String authorised() {
    LambdaRun.Response created = api.invoke(authorize(api.aws.uniqueId("k")));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("returnId").asText();
  }

  private StoredReturn onlyReturn() {
    return api.onlyReturn(orderId);
  }

  private Order order() {
    return api.order(orderId);
  }
}
