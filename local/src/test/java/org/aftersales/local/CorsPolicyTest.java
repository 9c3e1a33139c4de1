package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

  private static final Path ROOT = Path.of(System.getProperty("aftersales.root", ".."));

  private final CorsPolicy storefront =
      new CorsPolicy(
          List.of("http://localhost:5173"),
          List.of("GET", "POST", "PUT"),
          List.of("authorization", "content-type", "idempotency-key"),
          List.of("x-request-id"),
          "600",
          false);

  @Test
  void a_preflight_from_an_allowed_origin_for_an_allowed_method_and_headers_is_answered() {
    assertThat(
            storefront.preflightHeaders(
                "http://localhost:5173", "POST", "Authorization, Content-Type"))
        .isEqualTo(
            Map.of(
                "access-control-allow-origin", "http://localhost:5173",
                "access-control-allow-methods", "GET,POST,PUT",
                "access-control-allow-headers", "authorization,content-type,idempotency-key",
                "access-control-max-age", "600"));
  }

  @Test
  void a_preflight_with_another_origin_method_or_header_gets_no_cors_headers() {
    assertThat(storefront.preflightHeaders("https://evil.example", "POST", null)).isEmpty();
    assertThat(storefront.preflightHeaders("http://localhost:5173", "DELETE", null)).isEmpty();
    assertThat(storefront.preflightHeaders("http://localhost:5173", "POST", "x-debug")).isEmpty();
  }

  @Test
  void responses_to_allowed_origins_expose_the_configured_headers() {
    assertThat(storefront.responseHeaders("http://localhost:5173"))
        .isEqualTo(
            Map.of(
                "access-control-allow-origin",
                "http://localhost:5173",
                "access-control-expose-headers",
                "x-request-id"));
    assertThat(storefront.responseHeaders("https://evil.example")).isEmpty();
    assertThat(storefront.responseHeaders(null)).isEmpty();
  }

  @Test
  void the_project_template_allows_its_storefront_origin_which_a_parameter_override_replaces() {
    CorsPolicy deployed = CorsPolicy.of(SamTemplate.load(ROOT.resolve("template.yaml")));
    CorsPolicy local =
        CorsPolicy.of(
            SamTemplate.load(
                ROOT.resolve("template.yaml"),
                Map.of("StorefrontOrigin", "http://localhost:5173")));

    assertThat(deployed.allowOrigins())
        .containsExactly("https://shop.example.com", "https://care.example.com");
    assertThat(local.allowOrigins())
        .containsExactly("http://localhost:5173", "https://care.example.com");
    assertThat(local.exposeHeaders()).contains("x-request-id");
  }

  @Test
  void the_local_stack_allows_its_own_origin_for_the_pages_unless_told_otherwise() {
    LocalOptions onPort = LocalOptions.parse("--port", "3555", "--root", ROOT.toString());
    LocalOptions told =
        LocalOptions.parse(
            "--root", ROOT.toString(), "--parameter", "PagesOrigin=http://localhost:8080");

    assertThat(LocalStack.pagesOrigin(onPort))
        .containsEntry("PagesOrigin", "http://127.0.0.1:3555");
    assertThat(LocalStack.pagesOrigin(told)).containsEntry("PagesOrigin", "http://localhost:8080");
    assertThat(
            CorsPolicy.of(
                    SamTemplate.load(ROOT.resolve("template.yaml"), LocalStack.pagesOrigin(onPort)))
                .allowOrigins())
        .contains("http://127.0.0.1:3555");
  }
}
