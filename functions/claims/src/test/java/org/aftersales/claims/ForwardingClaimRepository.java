package org.aftersales.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.store.Alongside;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;

/**
 * The real claim repository, call for call: a test's fault (a crash, an outage) overrides only the
 * call it is about, so a method added to {@link ClaimRepository} is forwarded here once.
 */
class ForwardingClaimRepository implements ClaimRepository {

  final ClaimRepository real;

  ForwardingClaimRepository(ClaimRepository real) {
    this.real = real;
  }

  @Override
  public Optional<Claim> find(String claimId) {
    return real.find(claimId);
  }

  @Override
  public Optional<Read<Claim>> findWithRequests(String claimId) {
    return real.findWithRequests(claimId);
  }

  @Override
  public boolean create(Claim claim, Alongside alongside) {
    return real.create(claim, alongside);
  }

  @Override
  public Claim replace(Claim changed, Alongside alongside) {
    return real.replace(changed, alongside);
  }

  @Override
  public boolean delete(Claim claim) {
    return real.delete(claim);
  }

  @Override
  public List<Claim> byOrder(String orderId) {
    return real.byOrder(orderId);
  }

  @Override
  public Page<Claim> withStatus(ClaimStatus status, String cursor, int limit) {
    return real.withStatus(status, cursor, limit);
  }

  @Override
  public Page<String> inStatusSince(
      ClaimStatus status, Instant from, Instant before, String cursor, int limit) {
    return real.inStatusSince(status, from, before, cursor, limit);
  }
}
