package org.aftersales.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The YAML short-form intrinsics become exactly the JSON forms CloudFormation documents. */
class CloudFormationYamlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void every_short_form_becomes_its_long_form() throws Exception {
    JsonNode node =
        CloudFormationYaml.parse(
            """
                Version: '2010-09-09'
                Unquoted: 2010-09-09
                Number: 30
                Ref: !Ref Table
                GetAtt: !GetAtt Queue.Arn
                GetAttDotted: !GetAtt Db.Endpoint.Address
                GetAttList: !GetAtt [Queue, QueueName]
                Sub: !Sub '${AWS::StackName}-x'
                SubList: !Sub ['${A}-b', {A: !Ref P}]
                Join: !Join ['-', [a, !Ref P]]
                If: !If [IsProd, 1, 2]
                Select: !Select [0, !Split [',', 'a,b']]
                FindInMap: !FindInMap [M, k, v]
                Conditions: !And [!Equals [a, b], !Not [!Or [!Condition C, !Equals [c, d]]]]
                ImportValue: !ImportValue shared-vpc
                Base64: !Base64 hello
                Cidr: !Cidr ['10.0.0.0/16', 4, 8]
                GetAZs: !GetAZs ''
                """);

    assertThat(node)
        .isEqualTo(
            JSON.readTree(
                """
                {"Version": "2010-09-09", "Unquoted": "2010-09-09", "Number": 30,
                 "Ref": {"Ref": "Table"},
                 "GetAtt": {"Fn::GetAtt": ["Queue", "Arn"]},
                 "GetAttDotted": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                 "GetAttList": {"Fn::GetAtt": ["Queue", "QueueName"]},
                 "Sub": {"Fn::Sub": "${AWS::StackName}-x"},
                 "SubList": {"Fn::Sub": ["${A}-b", {"A": {"Ref": "P"}}]},
                 "Join": {"Fn::Join": ["-", ["a", {"Ref": "P"}]]},
                 "If": {"Fn::If": ["IsProd", 1, 2]},
                 "Select": {"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]},
                 "FindInMap": {"Fn::FindInMap": ["M", "k", "v"]},
                 "Conditions": {"Fn::And": [{"Fn::Equals": ["a", "b"]},
                                {"Fn::Not": [{"Fn::Or": [{"Condition": "C"}, {"Fn::Equals": ["c", "d"]}]}]}]},
                 "ImportValue": {"Fn::ImportValue": "shared-vpc"},
                 "Base64": {"Fn::Base64": "hello"},
                 "Cidr": {"Fn::Cidr": ["10.0.0.0/16", 4, 8]},
                 "GetAZs": {"Fn::GetAZs": ""}}
                """));
  }

  @Test
  void an_unknown_tag_is_an_error() {
    assertThatThrownBy(() -> CloudFormationYaml.parse("A: !Reff Table\n"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("unknown tag !Reff");
  }
}
