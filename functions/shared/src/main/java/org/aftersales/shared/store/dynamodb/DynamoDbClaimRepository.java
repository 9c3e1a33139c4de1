package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleClaimException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

  @Override
  public Page<String> inStatusSince(
      ClaimStatus status, Instant from, Instant before, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":before", AttributeValue.fromS(ClaimItemMapper.sortable(before)));
    // Keys are "{statusSince, fixed width}#{claimId}": a claim since exactly {before} sorts above
    // it and is left out (DOA-7 expires only after the window); one since exactly {from} sorts
    // above {from} and is in.
    String range = "gsi2sk < :before";
    if (from != null) {
      values.put(":from", AttributeValue.fromS(ClaimItemMapper.sortable(from)));
      range = "gsi2sk BETWEEN :from AND :before";
    }
    return items.idsByStatus(
        ClaimItemMapper.statusPartition(status), range, values, "claimId", cursor, limit);
  }
}
