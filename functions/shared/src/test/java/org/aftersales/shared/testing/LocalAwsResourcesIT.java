package org.aftersales.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The table and bucket the extension creates are the ones template.yaml defines (docs/design.md
 * "Data").
 */
class LocalAwsResourcesIT {

  @RegisterExtension static final LocalAwsServers SERVERS = new LocalAwsServers();

  @Test
  void the_table_has_the_keys_and_the_five_indexes_of_the_template() {
    TableDescription table =
        SERVERS.aws().dynamoDb().describeTable(d -> d.tableName(LocalAws.TABLE_NAME)).table();

    assertThat(table.keySchema()).containsExactly(hash("pk"), range("sk"));
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.globalSecondaryIndexes())
        .extracting(GlobalSecondaryIndexDescription::indexName)
        .containsExactlyInAnyOrder("ByOrder", "ByStatus", "Unshipped", "Outbox", "UnpaidChanges");
    assertIndex(table, "ByOrder", "gsi1pk", "gsi1sk");
    assertIndex(table, "ByStatus", "gsi2pk", "gsi2sk");
    assertIndex(table, "Unshipped", "gsi3pk", "gsi3sk");
    assertIndex(table, "Outbox", "gsi4pk", "gsi4sk", ProjectionType.KEYS_ONLY);
    assertIndex(table, "UnpaidChanges", "gsi5pk", "gsi5sk", ProjectionType.KEYS_ONLY);
  }

  @Test
  void an_index_holds_only_items_carrying_its_keys() {
    LocalAws aws = SERVERS.aws();
    String order = aws.uniqueId("o");
    put(
        aws,
        Map.of(
            "pk",
            s("ORDER#" + order),
            "sk",
            s("ORDER"),
            "gsi3pk",
            s("UNSHIPPED"),
            "gsi3sk",
            s("2026-11-20#" + order)));
    String shipped = aws.uniqueId("o");
    put(aws, Map.of("pk", s("ORDER#" + shipped), "sk", s("ORDER")));

    List<Map<String, AttributeValue>> unshipped =
        aws.dynamoDb()
            .query(
                q ->
                    q.tableName(aws.tableName())
                        .indexName("Unshipped")
                        .keyConditionExpression("gsi3pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("UNSHIPPED"))))
            .items();

    assertThat(unshipped)
        .extracting(item -> item.get("pk").s())
        .contains("ORDER#" + order)
        .doesNotContain("ORDER#" + shipped);
  }

  @Test
  void the_bucket_answers_the_storefronts_cors_preflight_for_put() throws Exception {
    LocalAws aws = SERVERS.aws();
    URI object = aws.s3Endpoint().resolve("/" + aws.bucketName() + "/claims/c-1/PROBLEM/u-1");

    HttpResponse<Void> put = preflight(object, "https://shop.example.com", "PUT");
    HttpResponse<Void> delete = preflight(object, "https://shop.example.com", "DELETE");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(put.headers().firstValue("access-control-allow-methods"))
        .hasValueSatisfying(v -> assertThat(v).contains("PUT"));
    assertThat(delete.statusCode()).isEqualTo(403);
  }

  @Test
  void the_servers_are_children_of_this_jvm() {
    List<Long> children = ProcessHandle.current().children().map(ProcessHandle::pid).toList();

    assertThat(children).containsAll(SERVERS.aws().serverPids());
  }

  private static HttpResponse<Void> preflight(URI uri, String origin, String method)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", "content-type")
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
  }

  private static void assertIndex(
      TableDescription table, String name, String hashKey, String rangeKey) {
    assertIndex(table, name, hashKey, rangeKey, ProjectionType.ALL);
  }

  private static void assertIndex(
      TableDescription table,
      String name,
      String hashKey,
      String rangeKey,
      ProjectionType projection) {
    GlobalSecondaryIndexDescription index =
        table.globalSecondaryIndexes().stream()
            .filter(i -> i.indexName().equals(name))
            .findFirst()
            .orElseThrow();
    assertThat(index.keySchema()).as(name).containsExactly(hash(hashKey), range(rangeKey));
    assertThat(index.projection().projectionType()).as(name).isEqualTo(projection);
  }

  private static void put(LocalAws aws, Map<String, AttributeValue> item) {
    aws.dynamoDb().putItem(p -> p.tableName(aws.tableName()).item(item));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static KeySchemaElement hash(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String attribute) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(KeyType.RANGE).build();
  }
}
