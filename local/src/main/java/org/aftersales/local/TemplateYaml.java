package org.aftersales.local;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a CloudFormation/SAM template written in YAML into a Jackson tree, turning the short
 * intrinsic tags into their JSON forms: {@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B}
 * → {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub …} → {@code {"Fn::Sub": …}} and every other
 * {@code !Tag} → {@code {"Fn::Tag": …}}. Scalars stay strings exactly as written (so {@code
 * '2010-09-09'} is not a date). No side effects beyond reading the file.
 */
public final class TemplateYaml {

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TemplateYaml() {}

  public static JsonNode read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + file, e);
    }
  }

  public static JsonNode parse(String yaml) {
    try (YAMLParser parser = YAML.createParser(yaml)) {
      if (parser.nextToken() == null) {
        return NODES.objectNode();
      }
      return readValue(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("invalid template YAML: " + e.getMessage(), e);
    }
  }

  private static JsonNode readValue(YAMLParser parser) throws IOException {
    String tag = parser.getTypeId();
    JsonNode value =
        switch (parser.currentToken()) {
          case START_OBJECT -> readObject(parser);
          case START_ARRAY -> readArray(parser);
          case VALUE_NULL -> NODES.nullNode();
          default -> NODES.textNode(parser.getText());
        };
    return tag == null || isStandardTag(tag) ? value : intrinsic(tag, value);
  }

  private static ObjectNode readObject(YAMLParser parser) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.set(name, readValue(parser));
    }
    return object;
  }

  private static ArrayNode readArray(YAMLParser parser) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(readValue(parser));
    }
    return array;
  }

  private static boolean isStandardTag(String tag) {
    return tag.startsWith("tag:yaml.org,2002:") || tag.isEmpty();
  }

  private static JsonNode intrinsic(String tag, JsonNode value) {
    return switch (tag) {
      case "Ref", "Condition" -> NODES.objectNode().set(tag, value);
      case "GetAtt" -> {
        JsonNode target = value;
        if (value.isTextual()) {
          String text = value.asText();
          int dot = text.indexOf('.');
          ArrayNode parts = NODES.arrayNode();
          if (dot < 0) {
            parts.add(text);
          } else {
            parts.add(text.substring(0, dot)).add(text.substring(dot + 1));
          }
          target = parts;
        }
        yield NODES.objectNode().set("Fn::GetAtt", target);
      }
      default -> NODES.objectNode().set("Fn::" + tag, value);
    };
  }
}
