package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port for returns (RET-2…RET-9, one item per {@link StoredReturn}) and unannounced parcels
 * (RET-3). Every write is conditional: a create never overwrites, a replace only applies to the
 * version it was read at. Store failures propagate.
 */
public interface ReturnRepository {

  /** The return as last written (strongly consistent read), or empty. */
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
   * @throws StaleReturnException when another write came first or it is gone (nothing written)
   */
  StoredReturn replace(StoredReturn changed);

  /**
   * Deletes the return if its stored version is still {@code stored.version()}; {@code false}
   * otherwise.
   */
  boolean delete(StoredReturn stored);

  /**
   * The returns of one order, oldest id first (index {@code ByOrder}; index reads are eventually
   * consistent).
   */
  List<StoredReturn> byOrder(String orderId);

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
