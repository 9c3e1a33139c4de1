package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack serves web/'s pages and nothing else, with nosniff and a CSP. */
class WebPagesTest {

  @TempDir Path root;

  @Test
  void a_page_is_served_with_its_type_nosniff_and_a_content_security_policy() throws Exception {
    Files.createDirectories(root.resolve("app"));
    Files.writeString(root.resolve("app/index.html"), "<!doctype html>");
    Files.writeString(root.resolve("app/app.js"), "export {}");

    WebPages.Page index = new WebPages(root).find("/app/").orElseThrow();
    WebPages.Page script = new WebPages(root).find("/app/app.js").orElseThrow();

    assertThat(new String(index.body())).isEqualTo("<!doctype html>");
    assertThat(index.headers())
        .containsEntry("content-type", "text/html; charset=utf-8")
        .containsEntry("x-content-type-options", "nosniff");
    assertThat(index.headers().get("content-security-policy"))
        .contains("script-src 'self'")
        .contains("object-src 'none'");
    assertThat(script.headers()).containsEntry("content-type", "text/javascript; charset=utf-8");
    assertThat(WebPages.redirect("/console")).contains("/console/");
  }

  @Test
  void nothing_outside_the_page_folders_and_no_unknown_type_is_served() throws Exception {
    Files.createDirectories(root.resolve("app"));
    Files.writeString(root.resolve("package.json"), "{}");
    Files.writeString(root.resolve("app/notes.txt"), "secret");
    Files.createDirectories(root.resolve("node_modules/axe-core"));
    Files.writeString(root.resolve("node_modules/axe-core/axe.min.js"), "axe");
    WebPages pages = new WebPages(root);

    assertThat(pages.find("/package.json")).isEmpty();
    assertThat(pages.find("/app/../package.json")).isEmpty();
    assertThat(pages.find("/app/%2e%2e/package.json")).isEmpty();
    assertThat(pages.find("/app/notes.txt")).isEmpty();
    assertThat(pages.find("/node_modules/axe-core/axe.min.js")).isEmpty();
    assertThat(pages.find("/app/missing.js")).isEmpty();
    assertThat(WebPages.handles("/application")).isFalse();
  }

  @Test
  void the_root_links_the_pages_and_the_favicon_leads_to_the_pages_icon() throws Exception {
    Files.writeString(root.resolve("index.html"), "<a href=app/>");
    Files.writeString(root.resolve("secret.html"), "no");
    WebPages pages = new WebPages(root);

    assertThat(WebPages.handles("/")).isTrue();
    assertThat(new String(pages.find("/").orElseThrow().body())).isEqualTo("<a href=app/>");
    assertThat(pages.find("/secret.html")).isEmpty();
    assertThat(WebPages.redirect("/favicon.ico")).contains("/common/favicon.svg");
  }
}
