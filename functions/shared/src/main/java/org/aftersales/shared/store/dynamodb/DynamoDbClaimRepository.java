package org.aftersales.shared.store.dynamodb;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
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

  private static final Set<String> BY_STATUS_KEY = Set.of("pk", "sk", "gsi2pk", "gsi2sk");

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
  public Page<String> inStatusSinceBefore(
      ClaimStatus status, Instant before, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    String partition = ClaimItemMapper.statusPartition(status);
    Map<String, AttributeValue> start = Cursors.decode(cursor, BY_STATUS_KEY, "gsi2pk", partition);
    return items.page(
        query ->
            query
                .indexName("ByStatus")
                // Keys are "{statusSince, fixed width}#{claimId}": a claim since exactly
                // {before} sorts above it and is left out, as DOA-7 expires only after the window.
                .keyConditionExpression("gsi2pk = :status AND gsi2sk < :before")
                .expressionAttributeValues(
                    Map.of(
                        ":status", AttributeValue.fromS(partition),
                        ":before", AttributeValue.fromS(ClaimItemMapper.sortable(before))))
                .projectionExpression("claimId")
                .exclusiveStartKey(start)
                .limit(limit),
        item -> item.get("claimId").s());
  }
}
