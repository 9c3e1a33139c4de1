package org.aftersales.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The static pages of {@code web/} as the local stack serves them: the customer page under {@code
 * /app/}, the agent console under {@code /console/}, their shared modules under {@code /common/},
 * and at {@code /} a page linking both. A path resolves only to a regular file inside those folders
 * (no traversal, no listing); a folder path serves its {@code index.html}. Every answer carries
 * {@code X-Content-Type-Options: nosniff}, a content security policy (scripts and styles of this
 * origin only) and {@code no-cache}. Reads files, writes nothing.
 */
record WebPages(Path root) {

  static final List<String> FOLDERS = List.of("app", "console", "common");

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "json", "application/json");

  /** A page found: its bytes and response headers. */
  record Page(byte[] body, Map<String, String> headers) {}

  WebPages {
    root = root.toAbsolutePath().normalize();
  }

  /** Where browsers look for a site's icon; answered with a redirect to the pages' own icon. */
  static final String FAVICON = "/favicon.ico";

  /**
   * True for the paths this class answers: {@code /} (web/index.html, links to both pages), {@code
   * /favicon.ico}, {@code /app}, {@code /app/…}, and the other folders.
   */
  static boolean handles(String path) {
    return path.equals("/")
        || path.equals(FAVICON)
        || FOLDERS.stream().anyMatch(f -> path.equals("/" + f) || path.startsWith("/" + f + "/"));
  }

  /**
   * The redirect target of a folder named without its slash ({@code /app} → {@code /app/}), and of
   * {@code /favicon.ico} (→ {@code /common/favicon.svg}).
   */
  static Optional<String> redirect(String path) {
    if (path.equals(FAVICON)) {
      return Optional.of("/common/favicon.svg");
    }
    return FOLDERS.stream().map(f -> "/" + f).filter(path::equals).findFirst().map(p -> p + "/");
  }

  /** The file for {@code path} (raw, percent-encoded), or empty (answered 404). */
  Optional<Page> find(String path) throws IOException {
    if (!handles(path) || path.contains("%") || path.contains("\\") || path.contains("/.")) {
      return Optional.empty();
    }
    String relative = path.substring(1) + (path.endsWith("/") ? "index.html" : "");
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.get(extension);
    if (type == null) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", type);
    headers.put("x-content-type-options", "nosniff");
    headers.put("cache-control", "no-cache");
    headers.put("referrer-policy", "no-referrer");
    headers.put(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: http:"
            + " https:; media-src 'self' blob: http: https:; connect-src 'self' http: https:;"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    return Optional.of(new Page(Files.readAllBytes(file), headers));
  }
}
