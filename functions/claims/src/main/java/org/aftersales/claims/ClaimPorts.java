package org.aftersales.claims;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import org.aftersales.evidence.s3.S3Clients;
import org.aftersales.policy.document.PolicyBook;
import org.aftersales.policy.document.PolicyDocument;
import org.aftersales.shared.Production;
import org.aftersales.shared.aws.ResourceNames;
import org.aftersales.shared.evidence.EvidenceStore;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.OrderRepository;
import org.aftersales.shared.store.OrderUpdates;

/**
 * What the claim use cases work with: the claim and order stores, evidence storage, the policy
 * book, the clock.
 */
public record ClaimPorts(
    ClaimRepository claims,
    OrderRepository orders,
    EvidenceStore files,
    PolicyBook policies,
    Clock clock) {

  public ClaimPorts {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(clock, "clock");
  }

  /** The real adapters from the Lambda environment ({@link Production}, the evidence bucket). */
  public static ClaimPorts production() {
    return new ClaimPorts(
        Production.claims(),
        Production.orders(),
        S3Clients.shared().evidenceStore(ResourceNames.fromEnvironment().evidenceBucket()),
        PolicyBook.loadDefault(),
        Clock.systemUTC());
  }

  /**
   * The same ports deciding as of {@code at} instead of the clock: a scheduled run decides by its
   * event's time ({@link ExpireOverdueClaims}, {@link FinishHalfDoneClaims}).
   */
  public ClaimPorts asOf(Instant at) {
    return new ClaimPorts(claims, orders, files, policies, Clock.fixed(at, ZoneOffset.UTC));
  }

  public OrderUpdates orderUpdates() {
    return new OrderUpdates(orders);
  }

  /** GEN-7: the policy version the claim's order is judged by. */
  public PolicyDocument policyOf(Claim claim) {
    return policy(claim.policyVersion());
  }

  public PolicyDocument policy(String version) {
    return policies
        .byVersion(version)
        .orElseThrow(() -> new IllegalStateException("unknown policy version " + version));
  }
}
