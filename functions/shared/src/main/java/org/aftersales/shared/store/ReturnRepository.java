package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.decision.InspectionPolicy.UnitInspection;
import org.aftersales.policy.state.ReturnCase;

/**
 * Port for return items (RET-2…RET-9) and unannounced parcels (RET-3). A return is stored with what
 * the policy's {@link ReturnCase} does not hold: the customer it belongs to (visibility without
 * reading the order), the receipt once recorded, and a {@code version} that guards every write.
 * Whether it holds its units is said by the order alone ({@link UnitHolds}).
 */
public interface ReturnRepository {

  /** The return, read consistently; empty if there is none. */
  Optional<StoredReturn> find(String returnId);

  /**
   * Writes a new return (its version as given, normally 0); {@code false} = it exists, nothing
   * written.
   */
  boolean create(StoredReturn newReturn);

  /**
   * Replaces the return if the stored version is still {@code changed.version()}; writes version +
   * 1 and returns what was stored.
   *
   * @throws StaleReturnException if someone else wrote it first (or it is gone)
   */
  StoredReturn replace(StoredReturn changed);

  /**
   * Deletes the return if its stored version is still {@code stored.version()}; {@code false}
   * otherwise.
   */
  boolean delete(StoredReturn stored);

  /** Every return of an order (the {@code ByOrder} index), oldest id first. */
  List<StoredReturn> byOrder(String orderId);

  /**
   * Records a parcel that came back with no RMA; {@code false} = that id exists, nothing written.
   */
  boolean createUnannounced(UnannouncedReturn parcel);

  Optional<UnannouncedReturn> findUnannounced(String unannouncedId);

  /**
   * A return as stored.
   *
   * @param customerId the order's customer, so a read can answer 404 to anybody else (API.md)
   * @param receipt what the warehouse found, stored before the order write of the inspection so a
   *     retried or racing receipt applies the same findings; null until received
   * @param version the write guard (0 when created)
   */
  record StoredReturn(ReturnCase returnCase, String customerId, Receipt receipt, long version) {
    public StoredReturn {
      Objects.requireNonNull(returnCase, "returnCase");
      Objects.requireNonNull(customerId, "customerId");
    }

    public String returnId() {
      return returnCase.returnId();
    }

    public StoredReturn with(ReturnCase next) {
      return new StoredReturn(next, customerId, receipt, version);
    }

    /** What the return holds on its order while authorised: its units, RETURN_OPEN (RET-2). */
    public UnitHolds.Hold hold() {
      return new UnitHolds.Hold(
          returnCase.orderId(),
          returnCase.returnId(),
          returnCase.units(),
          org.aftersales.policy.state.UnitStatus.RETURN_OPEN);
    }

    public StoredReturn withReceipt(Receipt next) {
      return new StoredReturn(returnCase, customerId, next, version);
    }
  }

  /**
   * The findings of a receipt (RET-5, RET-6): per unit its condition and missing components, the
   * agent's override reason (or null), who recorded it and when.
   */
  record Receipt(
      List<UnitInspection> inspections,
      String overrideReason,
      String receivedBy,
      Instant receivedAt) {
    public Receipt {
      inspections = List.copyOf(inspections);
      Objects.requireNonNull(receivedAt, "receivedAt");
    }
  }

  /**
   * A parcel that arrived with no authorised return (RET-3): recorded for customer care, never
   * refunded automatically. {@code orderId}, {@code trackingNumber}, {@code note} may be null;
   * {@code units} are the lines the warehouse recognised (may be empty).
   */
  record UnannouncedReturn(
      String unannouncedId,
      String orderId,
      String trackingNumber,
      List<UnitCount> units,
      String note,
      String recordedBy,
      Instant receivedAt) {
    public UnannouncedReturn {
      Objects.requireNonNull(unannouncedId, "unannouncedId");
      Objects.requireNonNull(receivedAt, "receivedAt");
      units = List.copyOf(units);
    }
  }

  /** {@code quantity} units of line {@code lineId}. */
  record UnitCount(String lineId, int quantity) {}
}
