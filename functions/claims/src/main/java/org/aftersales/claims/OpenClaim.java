package org.aftersales.claims;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.aftersales.policy.decision.ClaimUpdate;
import org.aftersales.policy.decision.DoaPolicy;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.policy.state.Order;
import org.aftersales.policy.state.ProblemType;
import org.aftersales.policy.state.Remedy;
import org.aftersales.shared.http.ApiProblem;
import org.aftersales.shared.http.Caller;
import org.aftersales.shared.http.Idempotency;
import org.aftersales.shared.http.Refusals;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.Orders;
import org.aftersales.shared.store.UnitHolds;

/**
 * {@code POST /orders/{orderId}/claims}, the one door (WAR-1): opens a claim for the delivered
 * ACTIVE unit of the line delivered last, under the coverage it has now — a DOA claim within the
 * DOA window (DOA-1, DOA-2), after it a warranty claim until the category's warranty ends (WAR-1,
 * WAR-2, with the customer's preferred remedy, WAR-3), else {@code 422 not-covered} naming each
 * window — and issues an upload slot per kind its coverage needs (DOA-3).
 *
 * <p>The claim id is derived from the caller, the {@code Idempotency-Key} and the order when a key
 * is sent (a retry, even after the idempotency record is gone, finds the claim its first attempt
 * wrote and finishes it instead of claiming another unit of the line), else random. Side effects,
 * in this order: the order's other claims are brought up to date ({@link ClaimProgress}: those that
 * waited too long are expired, DOA-7, so their units are free again); the claim item is written;
 * the unit becomes CLAIM_OPEN naming the claim as holder ({@link UnitHolds}, one conditional write
 * of the order, starting from the order read to check access). If the unit was taken by someone
 * else in between, the item is deleted and the open is decided again on the current order.
 */
record OpenClaim(ClaimPorts ports, ClaimProgress progress, UploadSlots slots) {

  /** The answer: the stored claim and an upload slot per kind it needs. */
  record Opened(Claim claim, PolicyDocument policy, List<UploadSlots.UploadSlot> uploads) {}

  private static final int ATTEMPTS = 4;

  Opened open(
      Caller caller,
      String orderId,
      String lineId,
      ProblemType problem,
      String description,
      Remedy preferredRemedy,
      Optional<String> idempotencyKey) {
    Order order = new Orders(ports.orders()).visibleTo(caller, orderId);
    String claimId = claimId(caller, orderId, idempotencyKey);
    Optional<Claim> earlier = ports.claims().find(claimId).flatMap(c -> progress.refresh(c, order));
    if (earlier.isPresent()) {
      return answer(earlier.get());
    }
    List<Claim> others = ports.claims().byOrder(orderId);
    others.forEach(c -> progress.refresh(c, order));
    PolicyDocument policy = ports.policy(order.policyVersion());
    Instant now = ports.clock().instant();
    Order current = others.isEmpty() ? order : null;
    long incarnation = 0;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (current == null) {
        current = ports.orders().find(orderId).orElseThrow();
      }
      ClaimUpdate opened =
          Refusals.valueOf(
              DoaPolicy.open(
                  current, policy, claimId, lineId, problem, description, preferredRemedy, now));
      Claim fresh =
          Claim.opened(opened.claim(), order.spec().customerId(), order.policyVersion())
              .withVersion(incarnation);
      Optional<Claim> stored =
          ports.claims().create(fresh)
              ? Optional.of(fresh.withVersion(incarnation + 1))
              : ports.claims().find(claimId); // the same key, sent twice at once
      if (stored.isPresent() && progress.holdsItsUnit(stored.get(), current)) {
        return answer(stored.get());
      }
      // Void: the next attempt writes a new incarnation at a higher version, so a request that
      // read this one and finds it void too deletes nothing it did not read.
      incarnation = stored.map(Claim::version).orElse(incarnation) + 1;
      current = null; // the unit went to another claim, a return or a cancellation: decide again
    }
    throw claimInProgress();
  }

  private Opened answer(Claim claim) {
    PolicyDocument policy = ports.policyOf(claim);
    List<UploadSlots.UploadSlot> uploads = new ArrayList<>();
    for (EvidenceKind kind : claim.state().required().stream().sorted().toList()) {
      uploads.add(slots.issue(claim.claimId(), kind, UploadSlots.DEFAULT_CONTENT_TYPE, policy));
    }
    return new Opened(claim, policy, uploads);
  }

  private static ApiProblem claimInProgress() {
    return ApiProblem.conflict(
        "claim-in-progress",
        "Claim in progress",
        "Another claim for this item is being opened right now. Retry in a minute.",
        List.of("DOA-1"));
  }

  /**
   * {@code cl-} + 24 hex digits of SHA-256 over the caller, the key and the order when the client
   * sent an {@code Idempotency-Key}; otherwise {@code cl-} + a random UUID.
   */
  static String claimId(Caller caller, String orderId, Optional<String> idempotencyKey) {
    return "cl-"
        + Idempotency.derivedId(
            caller, idempotencyKey, "claim\n", orderId, () -> UUID.randomUUID().toString());
  }
}
