package org.aftersales.shared.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the return and claim ports share (one item per {@link StoredCase}). Every write is
 * conditional: a create never overwrites, a replace or a delete only applies to the version it was
 * read at. A create or a replace carries what its decision records beside the case ({@link
 * Alongside}: its events, MSG-2, and the request's {@code Idempotency-Key} record) in the same
 * conditional write; a replace leaves the events not yet published and the other request records as
 * they are. Store failures propagate.
 */
public interface CaseRepository<T extends StoredCase<T>> {

  /** The case as last written (strongly consistent read), or empty. */
  Optional<T> find(String id);

  /**
   * Writes a new case (at the version its port says); {@code false} when the id exists (nothing
   * written).
   */
  default boolean create(T fresh) {
    return create(fresh, Alongside.NOTHING);
  }

  /**
   * {@link #create(StoredCase)} with {@code alongside} (events about the case's order) in the same
   * conditional write.
   */
  boolean create(T fresh, Alongside alongside);

  /** The case as last written with its request records (strongly consistent read), or empty. */
  Optional<Read<T>> findWithRequests(String id);

  /**
   * A case as read with the {@code Idempotency-Key} records of the requests that changed it, by
   * caller-scoped key (expired ones included).
   */
  record Read<T>(T stored, Map<String, RequestRecord> requests) {
    public Read {
      requests = Map.copyOf(requests);
    }

    /** The live record of {@code scopedKey} at {@code now}, if any. */
    public Optional<RequestRecord> request(String scopedKey, Instant now) {
      return Optional.ofNullable(requests.get(scopedKey)).filter(r -> r.expiresAt().isAfter(now));
    }
  }

  /**
   * Writes {@code changed} if the stored version is still {@code changed.version()}, as version +
   * 1; returns the case as stored.
   *
   * @throws StaleClaimException or {@link StaleReturnException} when another write came first or
   *     the case is gone (nothing written)
   */
  default T replace(T changed) {
    return replace(changed, Alongside.NOTHING);
  }

  /**
   * {@link #replace(StoredCase)} with {@code alongside} (events about the case's order) in the same
   * conditional write.
   */
  T replace(T changed, Alongside alongside);

  /**
   * Deletes the case if the stored version is still {@code stored.version()}; {@code false} when
   * another write came first or it is gone (nothing deleted).
   */
  boolean delete(T stored);

  /**
   * The cases of one order, in id order (index {@code ByOrder}; index reads are eventually
   * consistent).
   */
  List<T> byOrder(String orderId);
}
