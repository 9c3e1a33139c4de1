package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port for returns (RET-2…RET-9, one item per {@link StoredReturn}; a stale {@link #replace} throws
 * {@link StaleReturnException}) and unannounced parcels (RET-3).
 */
public interface ReturnRepository extends CaseRepository<StoredReturn> {

  /**
   * Writes a new return at its version as given (0 for a return just authorised; one re-created
   * after it was found void is higher, so a stale delete misses it); {@code false} = it exists,
   * nothing written.
   */
  @Override
  boolean create(StoredReturn newReturn);

  /**
   * Records a parcel that came back with no RMA; {@code false} = that id exists, nothing written.
   */
  boolean createUnannounced(UnannouncedReturn parcel);

  Optional<UnannouncedReturn> findUnannounced(String unannouncedId);

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
