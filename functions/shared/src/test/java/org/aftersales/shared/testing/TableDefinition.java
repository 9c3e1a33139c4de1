package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * Maps an {@code AWS::DynamoDB::Table} resource of the template to a {@link CreateTableRequest}:
 * attribute definitions, key schema, global and local secondary indexes with their projections,
 * billing mode. Settings the local server has no use for (SSE, point-in-time recovery) are left
 * out; the TTL specification too, since dynalite has no {@code UpdateTimeToLive} (code never relies
 * on TTL deletion anyway).
 */
public final class TableDefinition {

  private TableDefinition() {}

  public static CreateTableRequest createTableRequest(JsonNode properties, String tableName) {
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .attributeDefinitions(attributeDefinitions(properties.path("AttributeDefinitions")))
            .keySchema(keySchema(properties.path("KeySchema")));
    String billingMode = properties.path("BillingMode").asText("PROVISIONED");
    request.billingMode(BillingMode.fromValue(billingMode));
    if (properties.has("ProvisionedThroughput")) {
      request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
    }
    List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
    for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
      GlobalSecondaryIndex.Builder gsi =
          GlobalSecondaryIndex.builder()
              .indexName(index.path("IndexName").asText())
              .keySchema(keySchema(index.path("KeySchema")))
              .projection(projection(index.path("Projection")));
      if (index.has("ProvisionedThroughput")) {
        gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
      }
      globalIndexes.add(gsi.build());
    }
    if (!globalIndexes.isEmpty()) {
      request.globalSecondaryIndexes(globalIndexes);
    }
    List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
    for (JsonNode index : properties.path("LocalSecondaryIndexes")) {
      localIndexes.add(
          LocalSecondaryIndex.builder()
              .indexName(index.path("IndexName").asText())
              .keySchema(keySchema(index.path("KeySchema")))
              .projection(projection(index.path("Projection")))
              .build());
    }
    if (!localIndexes.isEmpty()) {
      request.localSecondaryIndexes(localIndexes);
    }
    return request.build();
  }

  private static List<AttributeDefinition> attributeDefinitions(JsonNode definitions) {
    List<AttributeDefinition> result = new ArrayList<>();
    for (JsonNode definition : definitions) {
      result.add(
          AttributeDefinition.builder()
              .attributeName(definition.path("AttributeName").asText())
              .attributeType(definition.path("AttributeType").asText())
              .build());
    }
    return result;
  }

  private static List<KeySchemaElement> keySchema(JsonNode elements) {
    List<KeySchemaElement> result = new ArrayList<>();
    for (JsonNode element : elements) {
      result.add(
          KeySchemaElement.builder()
              .attributeName(element.path("AttributeName").asText())
              .keyType(element.path("KeyType").asText())
              .build());
    }
    return result;
  }

  private static Projection projection(JsonNode projection) {
    Projection.Builder result =
        Projection.builder().projectionType(projection.path("ProjectionType").asText("KEYS_ONLY"));
    List<String> nonKey = new ArrayList<>();
    projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
    if (!nonKey.isEmpty()) {
      result.nonKeyAttributes(nonKey);
    }
    return result.build();
  }

  private static ProvisionedThroughput throughput(JsonNode throughput) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong())
        .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong())
        .build();
  }
}
