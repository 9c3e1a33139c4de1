package org.aftersales.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The names the template's resources, parameters and pseudo parameters have on the local stack, and
 * the resolution of intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code
 * Fn::Join}) to plain strings with them. Tables keep their logical id as name; buckets get the
 * logical id in lower-case kebab form (bucket names can't hold capitals); parameters their override
 * ({@code --parameter Name=Value}) or else their {@code Default}. Pure: no I/O.
 */
public final class LocalNames {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String STACK_NAME = "aftersales-local";

  private final JsonNode resources;
  private final JsonNode parameters;
  private final Map<String, String> parameterOverrides;

  public LocalNames(JsonNode template, Map<String, String> parameterOverrides) {
    this.resources = template.path("Resources");
    this.parameters = template.path("Parameters");
    this.parameterOverrides = Map.copyOf(parameterOverrides);
    parameterOverrides
        .keySet()
        .forEach(
            name -> {
              if (!parameters.has(name)) {
                throw new IllegalArgumentException(
                    "--parameter " + name + ": the template has no such parameter");
              }
            });
  }

  /**
   * The local bucket name of a bucket logical id: {@code EvidenceBucket} → {@code evidence-bucket}.
   */
  public static String bucketName(String logicalId) {
    return logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The physical name {@code Ref} gives for a resource or parameter on the local stack. */
  public String ref(String name) {
    switch (name) {
      case "AWS::Region":
        return REGION;
      case "AWS::AccountId":
        return ACCOUNT_ID;
      case "AWS::StackName":
        return STACK_NAME;
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        return "";
      default:
        break;
    }
    JsonNode parameter = parameters.path(name);
    if (!parameter.isMissingNode()) {
      if (parameterOverrides.containsKey(name)) {
        return parameterOverrides.get(name);
      }
      if (!parameter.has("Default")) {
        throw new IllegalArgumentException(
            "parameter " + name + " has no Default: the local stack can't give it a value");
      }
      return resolve(parameter.get("Default"));
    }
    JsonNode resource = resources.path(name);
    if (resource.isMissingNode()) {
      throw new IllegalArgumentException(
          "Ref to " + name + ": no such parameter or resource in the template");
    }
    String type = resource.path("Type").asText();
    return switch (type) {
      case "AWS::S3::Bucket" ->
          resource.path("Properties").has("BucketName")
              ? resolve(resource.path("Properties").get("BucketName"))
              : bucketName(name);
      case "AWS::DynamoDB::Table" ->
          resource.path("Properties").has("TableName")
              ? resolve(resource.path("Properties").get("TableName"))
              : name;
      default -> name;
    };
  }

  /**
   * What {@code Fn::GetAtt [logicalId, attribute]} gives on the local stack (ARNs are made up in
   * the local account).
   */
  public String getAtt(String logicalId, String attribute) {
    String type = resources.path(logicalId).path("Type").asText("");
    String name = ref(logicalId);
    if (attribute.equals("Arn")) {
      return switch (type) {
        case "AWS::DynamoDB::Table" ->
            "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + name;
        case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
        case "AWS::Serverless::Function" ->
            "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + name;
        default -> "arn:aws:local:" + REGION + ":" + ACCOUNT_ID + ":" + name;
      };
    }
    return name;
  }

  /** A template value with its intrinsic functions resolved to a string. */
  public String resolve(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isObject() && value.size() == 1) {
      Map.Entry<String, JsonNode> function = value.properties().iterator().next();
      JsonNode argument = function.getValue();
      switch (function.getKey()) {
        case "Ref":
          return ref(argument.asText());
        case "Fn::GetAtt":
          return argument.isArray()
              ? getAtt(argument.get(0).asText(), argument.get(1).asText())
              : getAtt(argument.asText().split("\\.", 2)[0], argument.asText().split("\\.", 2)[1]);
        case "Fn::Sub":
          return argument.isArray()
              ? sub(argument.get(0).asText(), argument.get(1))
              : sub(argument.asText(), null);
        case "Fn::Join":
          {
            StringBuilder joined = new StringBuilder();
            Iterator<JsonNode> parts = argument.get(1).elements();
            while (parts.hasNext()) {
              joined.append(resolve(parts.next()));
              if (parts.hasNext()) {
                joined.append(argument.get(0).asText());
              }
            }
            return joined.toString();
          }
        default:
          break;
      }
    }
    throw new IllegalArgumentException("the local stack can't resolve " + value + " to a string");
  }

  private String sub(String text, JsonNode variables) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < text.length()) {
      int start = text.indexOf("${", at);
      if (start < 0) {
        out.append(text, at, text.length());
        break;
      }
      out.append(text, at, start);
      if (start + 2 < text.length() && text.charAt(start + 2) == '!') {
        out.append("${");
        at = start + 3;
        continue;
      }
      int end = text.indexOf('}', start);
      String name = text.substring(start + 2, end);
      if (variables != null && variables.has(name)) {
        out.append(resolve(variables.get(name)));
      } else if (name.contains(".")) {
        String[] parts = name.split("\\.", 2);
        out.append(getAtt(parts[0], parts[1]));
      } else {
        out.append(ref(name));
      }
      at = end + 1;
    }
    return out.toString();
  }
}
