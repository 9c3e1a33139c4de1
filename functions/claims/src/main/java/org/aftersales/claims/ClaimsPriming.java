package org.aftersales.claims;

import java.time.Duration;
import java.util.List;
import org.aftersales.policy.document.EvidenceKind;
import org.aftersales.priming.Priming;
import org.aftersales.shared.evidence.EvidenceKey;
import org.aftersales.shared.http.ApiPriming;

/**
 * SnapStart priming of {@code ClaimsFunction} (cold start, {@link ApiPriming}): a GET of a claim, a
 * claim opened on an order and an upload asked for on a claim, none of which exist; then one upload
 * URL presigned (signed locally: no request). Writes nothing.
 */
public final class ClaimsPriming {

  /** The priming events, {@code priming/<name>.json} beside this class. */
  public static final List<String> EVENTS =
      List.of("customer-get-claim", "customer-open-claim", "customer-request-upload");

  private ClaimsPriming() {}

  /** The quiet twin of the handler over {@code ports}. */
  public static ClaimsHandler twin(ClaimPorts ports) {
    return new ClaimsHandler(
        new ClaimsHandler.Ports(ports, null, ApiPriming.quietLog(), ApiPriming.quietMetrics()));
  }

  /** The priming requests, then a presigned upload URL for a claim that does not exist. */
  public static void prime(ClaimPorts ports) throws Exception {
    ApiPriming.run(twin(ports), ClaimsPriming.class, EVENTS);
    ports
        .files()
        .presignUpload(
            new EvidenceKey("priming-claim-absent", EvidenceKind.PROBLEM.name(), "priming"),
            "image/jpeg",
            Duration.ofMinutes(1));
  }

  /** Primes with the function's own clients: before the snapshot, or now when not SnapStart. */
  static void register() {
    Priming.beforeSnapshot(() -> prime(ClaimPorts.production()));
  }
}
