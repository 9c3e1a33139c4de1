package org.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a function's {@code Policies} grant, as {@code action resource} lines in the form {@code
 * AwsCallRecorder} records calls: {@code dynamodb:Query AfterSalesTable/index/ByOrder}, {@code
 * s3:PutObject EvidenceBucket/claims/*}. A resource is written with the logical id of what it
 * names: {@code !GetAtt T.Arn} is {@code T}, {@code !Sub '${T.Arn}/index/I'} is {@code T/index/I},
 * and an S3 ARN built from a bucket's built name ({@code arn:${AWS::Partition}:s3:::<BucketName's
 * !Sub>}) is the bucket, and an SES identity ARN is {@code identity/<name>}. Anything else stays as
 * written, so it matches no recorded call.
 *
 * <p>Only inline {@code Statement} policies can be read this way: a SAM policy template ({@code
 * DynamoDBCrudPolicy}…) or a managed policy is reported as a problem, as is a Deny, {@code
 * NotAction} or {@code NotResource} statement.
 */
final class PolicyGrants {

  private static final String S3_ARN = "arn:${AWS::Partition}:s3:::";

  /** An SES identity's ARN up to {@code identity/…}: the identity is what a send is checked on. */
  private static final String SES_ARN =
      "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:";

  /** The grants, or the problems that keep them from being read. */
  record Grants(Set<String> lines, List<String> problems) {}

  private PolicyGrants() {}

  static Grants of(JsonNode template, String id, JsonNode function) {
    Map<String, String> builtBucketArns = builtBucketArns(template);
    Set<String> lines = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode policy : function.path("Properties").path("Policies")) {
      if (!policy.isObject() || !policy.has("Statement")) {
        problems.add(
            id
                + ": policy "
                + (policy.isObject() ? policy.fieldNames().next() : policy.asText())
                + " is not an inline Statement: grants must be written out so they can be checked"
                + " against the calls");
        continue;
      }
      for (JsonNode statement : asList(policy.get("Statement"))) {
        if (!statement.path("Effect").asText().equals("Allow")
            || statement.has("NotAction")
            || statement.has("NotResource")) {
          problems.add(id + ": only Allow statements with Action and Resource: " + statement);
          continue;
        }
        for (JsonNode action : asList(statement.path("Action"))) {
          for (JsonNode resource : asList(statement.path("Resource"))) {
            lines.add(action.asText() + " " + resource(resource, builtBucketArns));
          }
        }
      }
    }
    return new Grants(lines, problems);
  }

  /** {@code arn:${AWS::Partition}:s3:::<the bucket's BucketName !Sub>} → the bucket's id. */
  private static Map<String, String> builtBucketArns(JsonNode template) {
    Map<String, String> arns = new LinkedHashMap<>();
    template
        .path("Resources")
        .properties()
        .forEach(
            resource -> {
              JsonNode name = resource.getValue().path("Properties").path("BucketName");
              if (name.path("Fn::Sub").isTextual()) {
                arns.put(S3_ARN + name.path("Fn::Sub").asText(), resource.getKey());
              }
            });
    return arns;
  }

  private static String resource(JsonNode resource, Map<String, String> builtBucketArns) {
    JsonNode getAtt = resource.path("Fn::GetAtt");
    if (getAtt.isArray() && getAtt.path(1).asText().equals("Arn")) {
      return getAtt.path(0).asText();
    }
    if (getAtt.isTextual() && getAtt.asText().endsWith(".Arn")) {
      return getAtt.asText().substring(0, getAtt.asText().length() - ".Arn".length());
    }
    JsonNode sub = resource.path("Fn::Sub");
    String text = sub.isArray() ? sub.path(0).asText() : sub.asText(null);
    if (text == null) {
      return resource.isTextual() ? resource.asText() : resource.toString();
    }
    for (Map.Entry<String, String> built : builtBucketArns.entrySet()) {
      text = text.replace(built.getKey(), built.getValue());
    }
    if (text.startsWith(SES_ARN)) {
      return text.substring(SES_ARN.length());
    }
    return text.replaceAll("\\$\\{([A-Za-z0-9]+)\\.Arn}", "$1");
  }

  private static List<JsonNode> asList(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(list::add);
    } else if (!node.isMissingNode()) {
      list.add(node);
    }
    return list;
  }
}
