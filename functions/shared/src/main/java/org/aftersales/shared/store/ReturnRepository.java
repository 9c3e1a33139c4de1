package org.aftersales.shared.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.policy.state.ReturnStatus;
import org.aftersales.shared.events.Event;

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
  boolean create(StoredReturn newReturn, Alongside alongside);

  /**
   * Records a parcel that came back with no RMA (RET-3), with {@code events} in the item's outbox
   * in the same create-only write (MSG-2: the decision and its events in one conditional write);
   * {@code false} = that id exists, nothing written.
   */
  boolean createUnannounced(UnannouncedReturn parcel, List<Event> events);

  Optional<UnannouncedReturn> findUnannounced(String unannouncedId);

  /**
   * Stores the acknowledgement record of a withdrawal (LAW-3) once; {@code false} = one exists for
   * that id, nothing written. No method changes or deletes a record: it is the consumer's proof of
   * what was received and when.
   */
  boolean createWithdrawal(WithdrawalRecord record);

  Optional<WithdrawalRecord> findWithdrawal(String withdrawalId);

  /**
   * One page of the ids of AUTHORIZED returns whose send-by date is before {@code before}, oldest
   * send-by first (index {@code ByStatus}, eventually consistent: read each again before acting).
   * The candidates of the RET-9 expiry sweep.
   */
  Page<String> authorizedSendByBefore(LocalDate before, String cursor, int limit);

  /**
   * One page of the AUTHORIZED returns whose send-by date is {@code from} or later, as the index
   * holds them (eventually consistent: read each again before acting). A return authorised at or
   * after an instant has a send-by date at least its send-by period after that instant's date, so
   * the newest authorisations are found without reading the older ones; the sweep's candidates for
   * an authorisation a crash left without its units (RET-2).
   */
  Page<StoredReturn> authorizedSendByFrom(LocalDate from, String cursor, int limit);

  /**
   * One page of the returns in {@code status} (not AUTHORIZED) since an instant in {@code [from,
   * to]}, oldest first, as the index holds them (eventually consistent: read each again before
   * acting). The sweep's candidates for a decision whose order step a crash interrupted.
   */
  Page<StoredReturn> inStatusSince(
      ReturnStatus status, Instant from, Instant to, String cursor, int limit);

  /**
   * What a consumer declared when withdrawing (LAW-3, Directive 2011/83/EU Art. 11a): the content
   * of the withdrawal and the date and time it was received. {@code email} may be null (then the
   * acknowledgement is this record alone); the units are those the withdrawal took.
   */
  record WithdrawalRecord(
      String withdrawalId,
      String orderId,
      String customerId,
      String name,
      String email,
      List<UnitCount> units,
      String statement,
      Instant receivedAt) {
    public WithdrawalRecord {
      Objects.requireNonNull(withdrawalId, "withdrawalId");
      Objects.requireNonNull(orderId, "orderId");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(statement, "statement");
      Objects.requireNonNull(receivedAt, "receivedAt");
      units = List.copyOf(units);
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
