package org.aftersales.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one creator of the template's table and bucket on the local servers, for the tests and the
 * local stack. A table is created with the template's own {@code AttributeDefinitions}, {@code
 * KeySchema}, indexes and billing mode through DynamoDB's {@code CreateTable} JSON call (dynalite
 * checks the SigV4 header's shape, not its signature) and is waited for until {@code ACTIVE}; one
 * that already exists (kept data dir) is left as it is. TTL, PITR and SSE have no local equivalent.
 * Buckets are created by s3rver itself at start ({@link #writeCors} gives it the template's CORS
 * rules).
 */
public final class LocalResources {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLE_KEYS =
      List.of(
          "AttributeDefinitions",
          "KeySchema",
          "GlobalSecondaryIndexes",
          "LocalSecondaryIndexes",
          "BillingMode",
          "ProvisionedThroughput");
  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private LocalResources() {}

  /**
   * Creates the table unless it exists and waits until it is {@code ACTIVE}; returns true when it
   * was created now.
   */
  public static boolean createTable(URI endpoint, String tableName, JsonNode properties) {
    ObjectNode request = JSON.createObjectNode().put("TableName", tableName);
    for (String key : TABLE_KEYS) {
      if (properties.has(key)) {
        request.set(key, properties.get(key));
      }
    }
    HttpResponse<String> created = call(endpoint, "CreateTable", request);
    if (created.statusCode() != 200 && !created.body().contains("ResourceInUseException")) {
      throw new IllegalStateException(
          "CreateTable " + tableName + " failed: " + created.statusCode() + " " + created.body());
    }
    awaitActive(endpoint, tableName);
    return created.statusCode() == 200;
  }

  private static void awaitActive(URI endpoint, String tableName) {
    ObjectNode describe = JSON.createObjectNode().put("TableName", tableName);
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      HttpResponse<String> response = call(endpoint, "DescribeTable", describe);
      if (response.statusCode() == 200 && response.body().contains("\"TableStatus\":\"ACTIVE\"")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "table " + tableName + " not ACTIVE within " + ACTIVE_TIMEOUT + ": " + response.body());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** One DynamoDB JSON call, signed with a header of the right shape (dynalite checks no more). */
  private static HttpResponse<String> call(URI endpoint, String operation, ObjectNode body) {
    String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810." + operation)
            .header("X-Amz-Date", amzDate)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential="
                    + LocalServers.ACCESS_KEY
                    + "/"
                    + amzDate.substring(0, 8)
                    + "/"
                    + LocalNames.REGION
                    + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=local")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the local DynamoDB at " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The bucket's {@code CorsConfiguration} as the S3 {@code <CORSConfiguration>} document s3rver
   * applies, or null when it has none.
   */
  public static String corsXml(JsonNode bucketProperties, LocalNames names) {
    JsonNode rules = bucketProperties.path("CorsConfiguration").path("CorsRules");
    if (!rules.isArray() || rules.isEmpty()) {
      return null;
    }
    StringBuilder xml = new StringBuilder("<CORSConfiguration>");
    for (JsonNode rule : rules) {
      xml.append("<CORSRule>");
      if (rule.has("Id")) {
        xml.append(element("ID", names.resolve(rule.get("Id"))));
      }
      rule.path("AllowedOrigins")
          .forEach(v -> xml.append(element("AllowedOrigin", names.resolve(v))));
      rule.path("AllowedMethods")
          .forEach(v -> xml.append(element("AllowedMethod", names.resolve(v))));
      rule.path("AllowedHeaders")
          .forEach(v -> xml.append(element("AllowedHeader", names.resolve(v))));
      rule.path("ExposedHeaders")
          .forEach(v -> xml.append(element("ExposeHeader", names.resolve(v))));
      if (rule.has("MaxAge")) {
        xml.append(element("MaxAgeSeconds", names.resolve(rule.get("MaxAge"))));
      }
      xml.append("</CORSRule>");
    }
    return xml.append("</CORSConfiguration>").toString();
  }

  /**
   * Writes the bucket's CORS document under the data dir for s3rver's {@code --bucket NAME=FILE};
   * null when it has none.
   */
  public static Path writeCors(
      Path dataDir, String bucket, JsonNode bucketProperties, LocalNames names) {
    String xml = corsXml(bucketProperties, names);
    if (xml == null) {
      return null;
    }
    try {
      Path file = Files.createDirectories(dataDir.resolve("cors")).resolve(bucket + ".xml");
      Files.writeString(file, xml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String element(String name, String value) {
    String escaped =
        value
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&apos;");
    return "<" + name + ">" + escaped + "</" + name + ">";
  }
}
