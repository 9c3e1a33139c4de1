package org.aftersales.shared.store.dynamodb;

import java.util.List;
import java.util.Optional;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleClaimException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ClaimRepository} on the one table ({@link ClaimItemMapper} gives the item, {@link
 * VersionedItems} the requests). Reads by id are strongly consistent; each write is one conditional
 * {@code PutItem} ({@code attribute_not_exists(pk)} on create, {@code version = :read} on replace).
 * The agents' queue is a {@code Query} on the {@code ByStatus} index, never a scan. DynamoDB
 * failures propagate.
 */
public final class DynamoDbClaimRepository implements ClaimRepository {

  private static final int MAX_PAGE = 100;

  private final VersionedItems<Claim> items;

  public DynamoDbClaimRepository(DynamoDbClient dynamoDb, String tableName) {
    this.items = new VersionedItems<>(dynamoDb, tableName, ClaimItemMapper::fromItem);
  }

  @Override
  public Optional<Claim> find(String claimId) {
    return items.get(ClaimItemMapper.key(claimId));
  }

  @Override
  public boolean create(Claim claim) {
    return items.putNew(ClaimItemMapper.toItem(claim, claim.version() + 1));
  }

  @Override
  public Claim replace(Claim changed) {
    long next = changed.version() + 1;
    if (!items.putIfVersion(ClaimItemMapper.toItem(changed, next), changed.version())) {
      throw new StaleClaimException(changed.claimId(), changed.version());
    }
    return changed.withVersion(next);
  }

  @Override
  public boolean delete(Claim claim) {
    return items.deleteIfVersion(ClaimItemMapper.key(claim.claimId()), claim.version());
  }

  @Override
  public List<Claim> byOrder(String orderId) {
    return items.byOrder(orderId, ClaimItemMapper.PREFIX);
  }

  @Override
  public Page<Claim> withStatus(ClaimStatus status, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    return items.byStatus(ClaimItemMapper.statusPartition(status), cursor, limit);
  }
}
