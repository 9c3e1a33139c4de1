package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.state.ReturnCase;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.policy.state.UnitStatus;

/**
 * A return as stored: the policy's {@link ReturnCase} plus what only storage needs — the customer
 * it belongs to (so a read can answer 404 to anybody else without reading the order, openapi.yaml)
 * and the {@link Receipt} once recorded. Whether it holds its units is said by the order alone
 * ({@link UnitHolds}). Immutable; {@code version} is the one read (0 when created; the repository
 * bumps it on a successful conditional write).
 */
public record StoredReturn(ReturnCase state, String customerId, Receipt receipt, long version)
    implements StoredCase<StoredReturn> {

  public StoredReturn {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(customerId, "customerId");
  }

  /**
   * The findings of a receipt (RET-5, RET-6): per unit its condition and missing components, the
   * agent's override reason (or null), who recorded it and when. Stored before the order write of
   * the inspection, so a retried or racing receipt applies the same findings.
   */
  public record Receipt(
      List<UnitInspection> inspections,
      String overrideReason,
      String receivedBy,
      Instant receivedAt) {
    public Receipt {
      inspections = List.copyOf(inspections);
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  public String returnId() {
    return state.returnId();
  }

  @Override
  public String id() {
    return returnId();
  }

  public String orderId() {
    return state.orderId();
  }

  public ReturnStatus status() {
    return state.status();
  }

  /** The return with the policy's next state. */
  public StoredReturn withState(ReturnCase next) {
    return new StoredReturn(next, customerId, receipt, version);
  }

  public StoredReturn withReceipt(Receipt next) {
    return new StoredReturn(state, customerId, next, version);
  }

  @Override
  public StoredReturn withVersion(long newVersion) {
    return new StoredReturn(state, customerId, receipt, newVersion);
  }

  /** A withdrawn, expired, rejected or refunded return needs no unit held (RET-9, RET-6). */
  @Override
  public boolean doneWithUnits() {
    return state.status().isFinal();
  }

  /** What the return holds on its order while authorised: its units, RETURN_OPEN (RET-2). */
  @Override
  public UnitHolds.Hold hold() {
    return new UnitHolds.Hold(orderId(), returnId(), state.units(), UnitStatus.RETURN_OPEN);
  }
}
