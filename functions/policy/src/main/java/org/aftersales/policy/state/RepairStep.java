package org.aftersales.policy.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a warranty claim's unit at the store (WAR-4): received (for a repair, or back for a
 * refund against its return, WAR-3), repaired or found unrepairable, shipped back. {@code at} is
 * when the warehouse says it happened, {@code recordedAt} when the engine recorded it; a step sent
 * again with the same {@code at} and {@code trackingNumber} is the same step.
 */
public record RepairStep(Kind step, Instant at, String trackingNumber, Instant recordedAt) {

  /** The steps, in the only order they may happen. */
  public enum Kind {
    RECEIVED,
    REPAIRED,
    UNREPAIRABLE,
    SHIPPED_BACK
  }

  public RepairStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }

  /** Whether {@code other} reports the same step with the same data (a retry). */
  public boolean sameAs(Kind otherStep, Instant otherAt, String otherTracking) {
    return step == otherStep && at.equals(otherAt) && Objects.equals(trackingNumber, otherTracking);
  }
}
