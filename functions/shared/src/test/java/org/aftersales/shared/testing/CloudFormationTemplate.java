package org.aftersales.shared.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code template.yaml} read as a tree, with the short-form intrinsic tags in their JSON forms
 * ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.b} becomes {@code {"Fn::GetAtt":
 * ["A", "b"]}}, any other {@code !Tag v} becomes {@code {"Fn::Tag": v}}), so the local servers can
 * be set up from the very resource definitions that are deployed.
 */
public final class CloudFormationTemplate {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;

  private CloudFormationTemplate(JsonNode root) {
    this.root = root;
  }

  public static CloudFormationTemplate read(Path file) {
    try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(file + " is not a YAML mapping");
      }
      return new CloudFormationTemplate(readValue(parser));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public JsonNode root() {
    return root;
  }

  /** The {@code Properties} of resource {@code logicalId}, checking its {@code Type}. */
  public JsonNode resourceProperties(String logicalId, String expectedType) {
    JsonNode resource = root.path("Resources").path(logicalId);
    if (resource.isMissingNode()) {
      throw new IllegalArgumentException("template has no resource " + logicalId);
    }
    String type = resource.path("Type").asText();
    if (!type.equals(expectedType)) {
      throw new IllegalArgumentException(logicalId + " is a " + type + ", not a " + expectedType);
    }
    return resource.path("Properties");
  }

  /**
   * A value with {@code Ref}s to parameters replaced by their defaults; other intrinsic functions
   * are refused, since the local servers could not honour them.
   */
  public String resolveString(JsonNode value) {
    if (value.isTextual() || value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.isObject() && value.size() == 1 && value.has("Ref")) {
      String name = value.get("Ref").asText();
      JsonNode parameterDefault = root.path("Parameters").path(name).path("Default");
      if (parameterDefault.isMissingNode()) {
        throw new IllegalArgumentException("Ref " + name + " is not a parameter with a Default");
      }
      return parameterDefault.asText();
    }
    throw new IllegalArgumentException("cannot resolve " + value + " locally");
  }

  private static JsonNode readValue(JsonParser parser) throws IOException {
    Object typeId = parser.getTypeId();
    String tag = typeId == null ? null : typeId.toString();
    JsonNode value =
        switch (parser.currentToken()) {
          case START_OBJECT -> {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              parser.nextToken();
              object.set(name, readValue(parser));
            }
            yield object;
          }
          case START_ARRAY -> {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              array.add(readValue(parser));
            }
            yield array;
          }
          case VALUE_STRING -> NODES.textNode(parser.getText());
          case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
          case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_NULL -> NODES.nullNode();
          default -> throw new IllegalStateException("unexpected " + parser.currentToken());
        };
    return tag == null || tag.startsWith("tag:yaml.org") ? value : intrinsic(tag, value);
  }

  private static JsonNode intrinsic(String tag, JsonNode value) {
    String name = tag.startsWith("!") ? tag.substring(1) : tag;
    ObjectNode function = NODES.objectNode();
    switch (name) {
      case "Ref", "Condition" -> function.set(name, value);
      case "GetAtt" -> {
        if (value.isTextual()) {
          ArrayNode parts = NODES.arrayNode();
          List.of(value.asText().split("\\.", 2)).forEach(parts::add);
          function.set("Fn::GetAtt", parts);
        } else {
          function.set("Fn::GetAtt", value);
        }
      }
      default -> function.set("Fn::" + name, value);
    }
    return function;
  }
}
