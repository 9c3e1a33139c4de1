package org.aftersales.local;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Creates the template's tables and describes its buckets on the local servers. A table is created
 * with the template's own {@code AttributeDefinitions}, {@code KeySchema}, indexes and billing mode
 * through DynamoDB's {@code CreateTable} JSON call (dynalite checks the SigV4 header's shape, not
 * its signature); one that already exists (kept data dir) is left as it is. TTL, PITR and SSE have
 * no local equivalent. Buckets are created by s3rver itself at start ({@link #corsXml} gives it the
 * template's CORS rules).
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
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private LocalResources() {}

  /** Creates the table unless it exists; returns true when it was created now. */
  public static boolean createTable(
      HttpClient http, URI endpoint, String tableName, JsonNode properties) {
    ObjectNode request = JSON.createObjectNode().put("TableName", tableName);
    for (String key : TABLE_KEYS) {
      if (properties.has(key)) {
        request.set(key, properties.get(key));
      }
    }
    String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    HttpRequest create =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810.CreateTable")
            .header("X-Amz-Date", amzDate)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=S3RVER/"
                    + amzDate.substring(0, 8)
                    + "/"
                    + LocalNames.REGION
                    + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=local")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(create, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return true;
      }
      if (response.body().contains("ResourceInUseException")) {
        return false;
      }
      throw new IllegalStateException(
          "CreateTable " + tableName + " failed: " + response.statusCode() + " " + response.body());
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
    String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return "<" + name + ">" + escaped + "</" + name + ">";
  }
}
