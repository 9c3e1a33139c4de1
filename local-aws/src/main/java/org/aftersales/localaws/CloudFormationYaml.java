package org.aftersales.localaws;

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
import java.util.Map;

/**
 * Reads a CloudFormation/SAM template written in YAML into the JSON form the SAM schema and
 * CloudFormation itself see: short-form intrinsic tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code
 * !Sub ...}) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["A", "B"]}},
 * {@code {"Fn::Sub": ...}}). Scalars keep the type the YAML gives them, so a quoted {@code
 * '2010-09-09'} stays a string. An unknown tag is an error. No side effects besides reading the
 * file.
 */
public final class CloudFormationYaml {

  /** Short-form tag (without its '!') → the long-form key. */
  private static final Map<String, String> INTRINSICS =
      Map.ofEntries(
          Map.entry("Ref", "Ref"),
          Map.entry("Condition", "Condition"),
          Map.entry("GetAtt", "Fn::GetAtt"),
          Map.entry("Sub", "Fn::Sub"),
          Map.entry("Join", "Fn::Join"),
          Map.entry("If", "Fn::If"),
          Map.entry("Select", "Fn::Select"),
          Map.entry("Split", "Fn::Split"),
          Map.entry("FindInMap", "Fn::FindInMap"),
          Map.entry("Equals", "Fn::Equals"),
          Map.entry("Not", "Fn::Not"),
          Map.entry("And", "Fn::And"),
          Map.entry("Or", "Fn::Or"),
          Map.entry("ImportValue", "Fn::ImportValue"),
          Map.entry("Base64", "Fn::Base64"),
          Map.entry("Cidr", "Fn::Cidr"),
          Map.entry("GetAZs", "Fn::GetAZs"));

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CloudFormationYaml() {}

  public static JsonNode read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static JsonNode parse(String yaml) {
    try (YAMLParser parser = YAML.createParser(yaml)) {
      if (parser.nextToken() == null) {
        return NODES.missingNode();
      }
      return value(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
    }
  }

  /** The value at the parser's current token; leaves the parser on the value's last token. */
  private static JsonNode value(YAMLParser parser) throws IOException {
    String tag = parser.getTypeId(); // read before advancing: it belongs to the current event
    JsonToken token = parser.currentToken();
    JsonNode node =
        switch (token) {
          case START_OBJECT -> {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              parser.nextToken();
              object.set(name, value(parser));
            }
            yield object;
          }
          case START_ARRAY -> {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              array.add(value(parser));
            }
            yield array;
          }
          case VALUE_STRING -> NODES.textNode(parser.getText());
          case VALUE_NUMBER_INT ->
              switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
              };
          case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
          case VALUE_TRUE -> NODES.booleanNode(true);
          case VALUE_FALSE -> NODES.booleanNode(false);
          case VALUE_NULL -> NODES.nullNode();
          default ->
              throw new IOException("unexpected " + token + " at " + parser.currentLocation());
        };
    return tag == null ? node : intrinsic(tag, node, parser);
  }

  private static JsonNode intrinsic(String tag, JsonNode node, YAMLParser parser)
      throws IOException {
    String longForm = INTRINSICS.get(tag);
    if (longForm == null) {
      throw new IOException(
          "unknown tag !" + tag + " at line " + parser.currentLocation().getLineNr());
    }
    JsonNode argument = node;
    if (longForm.equals("Fn::GetAtt") && node.isTextual()) {
      // !GetAtt Resource.Attribute (the attribute itself may contain dots, e.g. Endpoint.Address)
      String text = node.asText();
      int dot = text.indexOf('.');
      argument =
          dot < 0
              ? NODES.arrayNode().add(text)
              : NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
    }
    return NODES.objectNode().set(longForm, argument);
  }
}
