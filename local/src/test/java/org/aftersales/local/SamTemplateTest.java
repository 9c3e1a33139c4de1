package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersales.localaws.CloudFormationYaml;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

  private static final Path ROOT = Path.of(System.getProperty("aftersales.root", ".."));

  private static SamTemplate inline(String yaml) {
    return new SamTemplate(CloudFormationYaml.parse(yaml), Path.of("/repo"), java.util.Map.of());
  }

  @Test
  void the_project_template_gives_every_route_of_the_design_to_its_function() {
    SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

    RouteTable routes = new RouteTable(template.routes());

    assertThat(routes.match("PUT", "/orders/o-1"))
        .get()
        .extracting(m -> m.route().functionId())
        .isEqualTo("OrdersFunction");
    assertThat(routes.match("POST", "/orders/o-1/parcels/P1/events").orElseThrow().pathParameters())
        .isEqualTo(Map.of("orderId", "o-1", "parcelId", "P1"));
    assertThat(routes.match("POST", "/orders/o-1/cancellation").orElseThrow().route().functionId())
        .isEqualTo("CancellationFunction");
    assertThat(routes.match("POST", "/returns/unannounced").orElseThrow().route().functionId())
        .isEqualTo("ReturnsFunction");
    assertThat(routes.match("GET", "/claims").orElseThrow().route().routeKey())
        .isEqualTo("GET /claims");
    assertThat(routes.match("POST", "/refunds/rf-1/settlement").orElseThrow().route().functionId())
        .isEqualTo("RefundsFunction");
    assertThat(routes.match("DELETE", "/orders/o-1")).isEmpty();
  }

  @Test
  void the_project_template_guards_every_route_with_the_jwt_authorizer_except_the_public_policy() {
    SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

    assertThat(template.routes())
        .filteredOn(route -> !route.authorized())
        .extracting(HttpRoute::routeKey)
        .containsExactly("GET /policy");
    assertThat(template.routes()).hasSizeGreaterThanOrEqualTo(19);
  }

  @Test
  void the_project_template_environment_s3_event_and_schedules_resolve_to_local_names() {
    SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

    FunctionDefinition evidence = template.function("EvidenceFunction");
    assertThat(evidence.environment())
        .containsEntry("TABLE_NAME", "AfterSalesTable")
        .containsEntry("EVIDENCE_BUCKET", "aftersales-evidence-000000000000-us-east-1");
    assertThat(evidence.s3Events())
        .containsExactly(
            new S3Subscription(
                "EvidenceFunction",
                "aftersales-evidence-000000000000-us-east-1",
                List.of("s3:ObjectCreated:*"),
                "claims/",
                ""));
    assertThat(evidence.codeZip())
        .isEqualTo(
            ROOT.resolve("functions/claims/target/claims-lambda.zip").toAbsolutePath().normalize());
    assertThat(evidence.handlerClass()).isEqualTo("org.aftersales.claims.EvidenceHandler");
    assertThat(evidence.handlerMethod()).isEqualTo("handleRequest");
    assertThat(template.function("AutoCancelFunction").schedules())
        .singleElement()
        .satisfies(schedule -> assertThat(schedule.rate()).contains(Duration.ofMinutes(15)));
  }

  @Test
  void intrinsic_tags_parameters_and_globals_are_resolved() {
    SamTemplate template =
        inline(
            """
                Parameters:
                  Prefix: {Type: String, Default: shop}
                Globals:
                  Function:
                    Timeout: 9
                    Environment:
                      Variables:
                        BUCKET: !Ref Uploads
                        ARN: !GetAtt Table.Arn
                        REGIONAL: !Sub '${Prefix}-${AWS::Region}-${!Literal}'
                        JOINED: !Join [':', [a, !Ref Prefix]]
                Resources:
                  Table: {Type: AWS::DynamoDB::Table, Properties: {TableName: !Sub '${Prefix}-orders'}}
                  Uploads: {Type: AWS::S3::Bucket}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/x/target/x-lambda.zip
                      Handler: org.example.Handler
                      Environment: {Variables: {OWN: '1', BUCKET: override}}
                      EventInvokeConfig: {MaximumRetryAttempts: 0}
                      Events:
                        Nightly: {Type: Schedule, Properties: {Schedule: 'cron(0 3 * * ? *)', Enabled: false}}
                """);

    FunctionDefinition function = template.function("Fn");

    assertThat(function.environment())
        .containsEntry("BUCKET", "override")
        .containsEntry("ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/shop-orders")
        .containsEntry("REGIONAL", "shop-us-east-1-${Literal}")
        .containsEntry("JOINED", "a:shop")
        .containsEntry("OWN", "1");
    assertThat(template.names().ref("Uploads")).isEqualTo("uploads");
    assertThat(function.timeoutSeconds()).isEqualTo(9);
    assertThat(function.asyncRetryAttempts()).isZero();
    assertThat(function.handlerMethod()).isEqualTo("handleRequest");
    assertThat(function.codeZip()).isEqualTo(Path.of("/repo/functions/x/target/x-lambda.zip"));
    assertThat(function.schedules())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.enabled()).isFalse();
              assertThat(s.rate()).isEmpty();
            });
  }

  @Test
  void a_parameter_override_replaces_the_default_and_an_unknown_one_is_refused() {
    String yaml =
        """
                Parameters:
                  Origin: {Type: String, Default: https://shop.example.com}
                Resources:
                  Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: x.zip, Handler: a.B, Environment: {Variables: {ORIGIN: !Ref Origin}}}}
                """;

    assertThat(
            new SamTemplate(
                    CloudFormationYaml.parse(yaml),
                    Path.of("/repo"),
                    Map.of("Origin", "http://localhost:5173"))
                .function("Fn")
                .environment())
        .containsEntry("ORIGIN", "http://localhost:5173");
    assertThatThrownBy(
            () ->
                new SamTemplate(
                    CloudFormationYaml.parse(yaml), Path.of("/repo"), Map.of("Orign", "x")))
        .hasMessageContaining("--parameter Orign: the template has no such parameter");
  }

  @Test
  void route_scopes_come_from_the_route_else_the_authorizer_and_none_disables_it() {
    SamTemplate template =
        inline(
            """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Jwt
                        Authorizers:
                          Jwt: {JwtConfiguration: {issuer: x, audience: [y]}, AuthorizationScopes: [default/scope]}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: x.zip
                      Handler: a.B::handle
                      Events:
                        Settle: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: post, Path: /s, Auth: {AuthorizationScopes: [a/settle]}}}
                        Read: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: /r}}
                        Open: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: /o, Auth: {Authorizer: NONE}}}
                """);

    assertThat(template.routes())
        .containsExactly(
            new HttpRoute("POST", "/s", "Fn", true, List.of("a/settle")),
            new HttpRoute("GET", "/r", "Fn", true, List.of("default/scope")),
            new HttpRoute("GET", "/o", "Fn", false, List.of()));
  }

  @Test
  void functions_that_disagree_on_a_variable_cannot_share_the_local_process() {
    SamTemplate template =
        inline(
            """
                Resources:
                  A: {Type: AWS::Serverless::Function, Properties: {CodeUri: a.zip, Handler: a.A, Environment: {Variables: {MODE: fast}}}}
                  B: {Type: AWS::Serverless::Function, Properties: {CodeUri: b.zip, Handler: b.B, Environment: {Variables: {MODE: slow}}}}
                """);

    assertThatThrownBy(
            () ->
                LocalEnvironment.required(
                    template,
                    java.net.URI.create("http://127.0.0.1:1"),
                    java.net.URI.create("http://127.0.0.1:2"),
                    java.net.URI.create("http://127.0.0.1:3")))
        .hasMessageContaining("MODE is 'fast' for one function and 'slow' for B");
    assertThat(
            LocalEnvironment.mismatches(
                template,
                Map.of(
                    "MODE",
                    "fast",
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    "x",
                    "AWS_ENDPOINT_URL_S3",
                    "y",
                    "AWS_ENDPOINT_URL_SESV2",
                    "w",
                    "AWS_ENDPOINT_URL_EVENTBRIDGE",
                    "z",
                    "AWS_REGION",
                    "us-east-1",
                    "AWS_ACCESS_KEY_ID",
                    "S3RVER",
                    "AWS_SECRET_ACCESS_KEY",
                    "S3RVER")))
        .containsExactly("B needs MODE='slow' but the process has 'fast'");
  }
}
