package org.aftersales.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps the {@code CorsConfiguration} of an {@code AWS::S3::Bucket} resource to the {@code
 * <CORSConfiguration>} XML document S3 (and the local server) take. Other bucket settings
 * (encryption, public access block, lifecycle, ownership) have no local effect and are left out.
 */
public final class BucketDefinition {

  private BucketDefinition() {}

  /** The CORS document, or {@code null} when the bucket has no CORS rules. */
  public static String corsXml(CloudFormationTemplate template, JsonNode properties) {
    JsonNode rules = properties.path("CorsConfiguration").path("CorsRules");
    if (rules.isMissingNode() || rules.isEmpty()) {
      return null;
    }
    StringBuilder xml = new StringBuilder("<CORSConfiguration>");
    for (JsonNode rule : rules) {
      xml.append("<CORSRule>");
      if (rule.has("Id")) {
        element(xml, "ID", template.resolveString(rule.get("Id")));
      }
      rule.path("AllowedOrigins")
          .forEach(v -> element(xml, "AllowedOrigin", template.resolveString(v)));
      rule.path("AllowedMethods")
          .forEach(v -> element(xml, "AllowedMethod", template.resolveString(v)));
      rule.path("AllowedHeaders")
          .forEach(v -> element(xml, "AllowedHeader", template.resolveString(v)));
      rule.path("ExposedHeaders")
          .forEach(v -> element(xml, "ExposeHeader", template.resolveString(v)));
      if (rule.has("MaxAge")) {
        element(xml, "MaxAgeSeconds", template.resolveString(rule.get("MaxAge")));
      }
      xml.append("</CORSRule>");
    }
    return xml.append("</CORSConfiguration>").toString();
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append('<')
        .append(name)
        .append('>')
        .append(escape(value))
        .append("</")
        .append(name)
        .append('>');
  }

  private static String escape(String value) {
    return value
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
