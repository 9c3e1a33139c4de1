package org.aftersales.shared.store.dynamodb;

import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleClaimException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ClaimRepository} on the one table ({@link ClaimItemMapper} gives the item, {@link
 * DynamoDbCaseRepository} the protocol shared with returns). The agents' queue is a {@code Query}
 * on the {@code ByStatus} index, never a scan.
 */
public final class DynamoDbClaimRepository extends DynamoDbCaseRepository<Claim>
    implements ClaimRepository {

  private static final int MAX_PAGE = 100;

  public DynamoDbClaimRepository(DynamoDbClient dynamoDb, String tableName) {
    super(
        dynamoDb,
        tableName,
        ClaimItemMapper.KIND,
        ClaimItemMapper::fromItem,
        ClaimItemMapper::item,
        claim -> claim.version() + 1,
        StaleClaimException::new);
  }

  @Override
  public Page<Claim> withStatus(ClaimStatus status, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    return items.byStatus(ClaimItemMapper.statusPartition(status), cursor, limit);
  }
}
