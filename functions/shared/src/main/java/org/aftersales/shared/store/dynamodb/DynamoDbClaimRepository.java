package org.aftersales.shared.store.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aftersales.policy.state.ClaimStatus;
import org.aftersales.shared.store.Claim;
import org.aftersales.shared.store.ClaimRepository;
import org.aftersales.shared.store.Page;
import org.aftersales.shared.store.StaleClaimException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ClaimRepository} on the one table ({@link ClaimItemMapper} gives the item). Reads by id
 * are strongly consistent; each write is one conditional {@code PutItem} ({@code
 * attribute_not_exists(pk)} on create, {@code version = :read} on replace). The agents' queue is a
 * {@code Query} on the {@code ByStatus} index, never a scan, paged with {@link Cursors}. DynamoDB
 * failures propagate.
 */
public final class DynamoDbClaimRepository implements ClaimRepository {

  private static final Set<String> BY_STATUS_KEY = Set.of("pk", "sk", "gsi2pk", "gsi2sk");
  private static final int MAX_PAGE = 100;

  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public DynamoDbClaimRepository(DynamoDbClient dynamoDb, String tableName) {
    this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public Optional<Claim> find(String claimId) {
    GetItemResponse response =
        dynamoDb.getItem(
            get -> get.tableName(tableName).key(ClaimItemMapper.key(claimId)).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(ClaimItemMapper.fromItem(response.item()))
        : Optional.empty();
  }

  @Override
  public boolean create(Claim claim) {
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(ClaimItemMapper.toItem(claim, 1))
                  .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  @Override
  public Claim replace(Claim changed) {
    long next = changed.version() + 1;
    try {
      dynamoDb.putItem(
          put ->
              put.tableName(tableName)
                  .item(ClaimItemMapper.toItem(changed, next))
                  .conditionExpression("version = :read")
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(changed.version())))));
    } catch (ConditionalCheckFailedException stale) {
      throw new StaleClaimException(changed.claimId(), changed.version());
    }
    return changed.withVersion(next);
  }

  @Override
  public boolean delete(Claim claim) {
    try {
      dynamoDb.deleteItem(
          delete ->
              delete
                  .tableName(tableName)
                  .key(ClaimItemMapper.key(claim.claimId()))
                  .conditionExpression("version = :read")
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(claim.version())))));
      return true;
    } catch (ConditionalCheckFailedException staleOrGone) {
      return false;
    }
  }

  @Override
  public List<Claim> byOrder(String orderId) {
    List<Claim> claims = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query =
          QueryRequest.builder()
              .tableName(tableName)
              .indexName("ByOrder")
              .keyConditionExpression("gsi1pk = :order AND begins_with(gsi1sk, :claim)")
              .expressionAttributeValues(
                  Map.of(
                      ":order",
                      AttributeValue.fromS("ORDER#" + orderId),
                      ":claim",
                      AttributeValue.fromS("CLAIM#")));
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse response = dynamoDb.query(query.build());
      response.items().forEach(item -> claims.add(ClaimItemMapper.fromItem(item)));
      start =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey()
              : null;
    } while (start != null);
    return claims;
  }

  @Override
  public Page<Claim> withStatus(ClaimStatus status, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ": " + limit);
    }
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(tableName)
            .indexName("ByStatus")
            .keyConditionExpression("gsi2pk = :status")
            .expressionAttributeValues(
                Map.of(":status", AttributeValue.fromS(ClaimItemMapper.statusPartition(status))))
            .scanIndexForward(true)
            .limit(limit);
    Map<String, AttributeValue> start = Cursors.decode(cursor, BY_STATUS_KEY);
    if (start != null) {
      if (!start.get("gsi2pk").s().equals(ClaimItemMapper.statusPartition(status))) {
        throw new org.aftersales.shared.store.InvalidCursorException(
            "nextToken belongs to another listing");
      }
      query.exclusiveStartKey(start);
    }
    QueryResponse response = dynamoDb.query(query.build());
    List<Claim> claims = response.items().stream().map(ClaimItemMapper::fromItem).toList();
    return new Page<>(
        claims,
        response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
  }
}
