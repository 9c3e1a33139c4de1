package org.aftersales.shared.store;

import java.util.List;
import java.util.Optional;

/**
 * What the return and claim ports share (one item per {@link StoredCase}). Every write is
 * conditional: a create never overwrites, a replace or a delete only applies to the version it was
 * read at. Store failures propagate.
 */
public interface CaseRepository<T extends StoredCase<T>> {

  /** The case as last written (strongly consistent read), or empty. */
  Optional<T> find(String id);

  /**
   * Writes a new case (at the version its port says); {@code false} when the id exists (nothing
   * written).
   */
  boolean create(T fresh);

  /**
   * Writes {@code changed} if the stored version is still {@code changed.version()}, as version +
   * 1; returns the case as stored.
   *
   * @throws StaleClaimException or {@link StaleReturnException} when another write came first or
   *     the case is gone (nothing written)
   */
  T replace(T changed);

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
