package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages of {@code web/} in a real headless Chromium (Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, no driver download) against the local stack with every real
 * function, as a customer and an agent use them: a customer cancels a unit and sees the refund
 * (CAN-1, CAN-5); opens a DOA claim, uploads three real photos from disk straight to the presigned
 * URLs (a cross-origin PUT: the bucket's CORS allows the page's origin), sees a refused file's
 * reason (DOA-3) and the claim move to UNDER_REVIEW by itself (DOA-2); an agent reviews the
 * evidence through the short-lived GET URLs, reads each outcome's quote and approves a partial
 * refund (DOA-4); the customer sees it; a customer changes a unit of an unprocessed order to a
 * cheaper variant and sees the refund, its breakdown and the changes history (CHG-1…CHG-3, CHG-5).
 * Each story saves a screenshot under {@code target/screenshots/} and runs axe-core
 * (web/node_modules, no CDN): no serious or critical violation. Without the browser this test fails
 * when {@code CI} is set and is skipped (saying so) on a developer machine.
 */
class PagesBrowserIT {

  private static final Path REPO =
      Path.of(System.getProperty("aftersales.root", "..")).toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target/screenshots");

  /** The screenshots README.md shows (docs/screenshots/), refreshed with REFRESH_SCREENSHOTS=1. */
  private static final java.util.Set<String> README_SHOTS =
      java.util.Set.of("customer-claim", "console-decision");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path dataDir;
  private static Path files;
  private static StackProcess stack;
  private WebDriver browser;
  private Path profile;

  @BeforeAll
  static void startStack() throws Exception {
    requireBrowser();
    dataDir = Files.createTempDirectory("pages-browser");
    files = Files.createTempDirectory("pages-photos");
    stack = StackProcess.startProject(REPO, dataDir);
  }

  /** Fails with what to install when CI is set; otherwise skips, saying so. */
  private static void requireBrowser() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String missing =
        "the browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get update && apt-get install -y chromium chromium-driver";
    if (System.getenv("CI") != null) {
      throw new AssertionError("CI is set and " + missing);
    }
    System.err.println("PagesBrowserIT SKIPPED: " + missing);
    Assumptions.abort("skipped on this developer machine: " + missing);
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (dataDir != null) {
      LambdaFunction.deleteRecursively(dataDir);
      LambdaFunction.deleteRecursively(files);
    }
  }

  @BeforeEach
  void openBrowser() throws IOException {
    profile = Files.createTempDirectory("pages-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1100, 1700));
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) throws IOException {
    if (browser != null) {
      screenshot("last-" + test.getTestMethod().orElseThrow().getName());
      browser.quit();
    }
    LambdaFunction.deleteRecursively(profile);
  }

  @Test
  void a_customer_cancels_one_unit_and_sees_the_refund_with_its_breakdown() throws Exception {
    signInAt("/app/#order=o-1001", "demo-customer", "c-1001");
    WebElement l1 = await(By.cssSelector("tr[data-line-id='L1'] input.cancel-count"));
    l1.clear();
    l1.sendKeys("1");
    browser.findElement(By.id("cancel-chosen")).click();

    WebElement refund = await(By.cssSelector("#refunds li.refund"));
    JsonNode granted = theOnlyRefund("o-1001", "CANCELLATION");
    assertThat(refund.findElement(By.cssSelector(".refund-amount")).getText())
        .isEqualTo(euros(granted.at("/amount/amount").asLong()));
    assertThat(refund.findElements(By.cssSelector("table.breakdown tbody tr")))
        .hasSize(granted.at("/breakdown/lines").size());
    assertThat(refund.getText()).contains("CAN-");
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(
            d ->
                d.findElement(By.id("status"))
                    .getAttribute("textContent")
                    .contains("Cancelled 1 unit(s)."));

    // a second, refused action shows the API's detail and rules (nothing left to cancel: CAN-8)
    browser.findElement(By.id("return-submit")).click();
    WebElement refusal = await(By.cssSelector("section .problem:not([hidden])"));
    assertThat(refusal.findElement(By.cssSelector(".detail")).getText()).isNotBlank();
    assertThat(refusal.getText()).contains("Rules: ");

    noSeriousAxeViolation();
    screenshot("customer-cancel");
    fitsAPhone();
  }

  @Test
  void a_customer_opens_a_claim_uploads_three_photos_and_sees_it_move_under_review()
      throws Exception {
    Path problem = photo("problem.jpg", "jpg", Color.RED);
    Path label = photo("label.png", "png", Color.WHITE);
    Path packaging = photo("packaging.jpg", "jpg", new Color(160, 120, 70));
    Path fake = files.resolve("not-a-photo.png");
    Files.writeString(fake, "this is text, not a PNG", StandardCharsets.UTF_8);

    signInAt("/app/#order=o-1003", "demo-customer", "c-1001");
    new Select(await(By.id("claim-line"))).selectByValue("L1");
    new Select(browser.findElement(By.id("claim-problem"))).selectByValue("NOT_WORKING");
    browser.findElement(By.id("claim-description")).sendKeys("No picture on any input.");
    browser.findElement(By.id("claim-submit")).click();
    WebElement claim = await(By.cssSelector("section.claim"));
    assertThat(claim.findElement(By.cssSelector(".claim-status")).getText())
        .contains("waiting for your photos");
    URI s3 = URI.create(stack.environment().get("AWS_ENDPOINT_URL_S3"));
    assertThat(s3.getPort()).as("uploads cross origins").isNotEqualTo(stack.api().getPort());

    upload(claim, "PACKAGING", fake);
    WebElement refused =
        awaitText(By.cssSelector(".upload[data-kind='PACKAGING'] .upload-note.problem"), "Refused");
    assertThat(refused.getText()).as("DOA-3: the check's reason").contains("Refused");

    upload(claim, "PROBLEM", problem);
    upload(claim, "SHIPPING_LABEL", label);
    upload(claim, "PACKAGING", packaging);
    awaitText(By.cssSelector("section.claim .claim-status"), "under review");
    for (WebElement box : claim.findElements(By.cssSelector(".upload"))) {
      assertThat(box.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
      assertThat(
              (Long)
                  js().executeScript(
                          "return arguments[0].naturalWidth", box.findElement(By.tagName("img"))))
          .as("thumbnail of %s", box.getAttribute("data-kind"))
          .isPositive();
    }
    String claimId = claim.getAttribute("data-claim-id");
    assertThat(
            api("GET", "/claims/" + claimId, token("c-1001", List.of()), null)
                .path("status")
                .asText())
        .isEqualTo("UNDER_REVIEW");

    noSeriousAxeViolation();
    js().executeScript("arguments[0].scrollIntoView()", claim);
    screenshot("customer-claim");
    fitsAPhone();
  }

  @Test
  void an_agent_approves_a_partial_refund_from_the_quote_and_the_customer_sees_it()
      throws Exception {
    String customer = token("c-1001", List.of());
    String claimId = claimUnderReview(customer);

    signInAt("/console/", "demo-agent", "agent-1");
    WebElement row = findInQueue(claimId);
    row.findElement(By.cssSelector("button.open-claim")).click();
    await(By.id("decision"));
    List<WebElement> evidence = browser.findElements(By.cssSelector("ul.evidence img"));
    assertThat(evidence).hasSize(3);
    for (WebElement image : evidence) {
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> (Long) js().executeScript("return arguments[0].naturalWidth", image) > 0);
    }
    awaitText(By.id("quote-FULL_REFUND"), "Refund: €");
    new Select(browser.findElement(By.id("decision-component"))).selectByValue("psu");
    awaitText(By.id("quote-PARTIAL_REFUND"), "Refund: €8.00");
    browser.findElement(By.id("outcome-PARTIAL_REFUND")).click();
    browser
        .findElement(By.id("decision-message"))
        .sendKeys("Sorry: the power adapter is refunded.");
    browser.findElement(By.id("decision-submit")).click();
    awaitText(By.id("decision-result"), "approved: partial refund");
    noSeriousAxeViolation();
    screenshot("console-decision");
    assertThat(pastDueRendering())
        .as("GEN-5: a refund still pending after its due day is highlighted, a settled one is not")
        .isEqualTo("refund past-due|past due (GEN-5)|refund|");
    fitsAPhone();

    js().executeScript("sessionStorage.clear()");
    signInAt("/app/#order=o-1003", "demo-customer", "c-1001");
    WebElement refund =
        await(By.xpath("//li[contains(@class,'refund')][.//h4[contains(., '" + claimId + "')]]"));
    assertThat(refund.findElement(By.cssSelector(".refund-amount")).getText()).isEqualTo("€8.00");
    assertThat(refund.getText()).contains("DOA-4");
    js().executeScript("arguments[0].scrollIntoView()", refund);
    screenshot("customer-refund");
  }

  @Test
  void a_customer_changes_a_unit_to_a_cheaper_variant_and_sees_the_refund_and_the_history()
      throws Exception {
    signInAt("/app/#order=o-1006", "demo-customer", "c-1001");
    WebElement form = await(By.cssSelector("form.change-item[data-line-id='L1']"));
    assertThat(form.getText()).contains("Change this item: HDMI switch");
    assertThat(browser.findElements(By.cssSelector("form.change-address label + input")))
        .as("CHG-1: the unprocessed parcel's address form, each field labelled")
        .hasSize(5);
    new Select(form.findElement(By.cssSelector("select.change-variant")))
        .selectByVisibleText("HDMI switch mini: €24.99 (difference -€5.00)");
    form.findElement(By.cssSelector("button.change-submit")).click();

    WebElement outcome = await(By.cssSelector("#change-outcome[data-status='APPLIED']"));
    JsonNode refund = theOnlyRefund("o-1006", "CHANGE");
    assertThat(refund.at("/amount/amount").asLong()).as("29.99 − 24.99").isEqualTo(500);
    assertThat(outcome.getText()).contains("Changed. €5.00 will be refunded by");
    assertThat(outcome.findElements(By.cssSelector("table.breakdown tbody tr")))
        .hasSize(refund.at("/breakdown/lines").size());
    assertThat(outcome.getText()).contains("CHG-");

    WebElement history = await(By.cssSelector("#changes tbody tr"));
    assertThat(history.getText())
        .contains("HDMI switch → HDMI switch mini")
        .contains("-€5.00")
        .contains("made");
    assertThat(browser.findElements(By.cssSelector("#changes tbody tr"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("#refunds li.refund .refund-amount")).getText())
        .isEqualTo("€5.00");
    assertThat(browser.findElements(By.xpath("//table[@class='units']//th[.='HDMI switch mini']")))
        .as("CHG-5: the changed unit as it is now")
        .hasSize(1);

    noSeriousAxeViolation();
    js().executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("change")));
    screenshot("customer-change");
    fitsAPhone();
  }

  // ------------------------------------------------------------------ steps

  private void signInAt(String path, String pickerId, String identity) {
    browser.get(stack.api().resolve(path).toString());
    new Select(await(By.id(pickerId))).selectByValue(identity);
    browser.findElement(By.id("sign-in")).click();
    awaitText(By.id("account"), identity);
    if (path.startsWith("/app/")) {
      await(By.id("order-heading"));
    }
  }

  private void upload(WebElement claim, String kind, Path file) {
    WebElement input =
        claim.findElement(By.cssSelector(".upload[data-kind='" + kind + "'] input[type=file]"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> input.isEnabled());
    input.sendKeys(file.toAbsolutePath().toString());
    awaitText(
        By.cssSelector(".upload[data-kind='" + kind + "'] .upload-note"),
        file.getFileName().toString());
  }

  private WebElement findInQueue(String claimId) {
    By row = By.cssSelector("tr[data-claim-id='" + claimId + "']");
    for (int page = 0; page < 20; page++) {
      await(By.id("queue-refresh"));
      List<WebElement> found = browser.findElements(row);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      List<WebElement> next = browser.findElements(By.id("queue-next"));
      assertThat(next).as("claim %s in the review queue", claimId).isNotEmpty();
      next.get(0).click();
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(ExpectedConditions.stalenessOf(next.get(0)));
    }
    throw new AssertionError("claim " + claimId + " not in the first 20 pages of the queue");
  }

  /** A claim on o-1003 opened and completed through the API, as the customer page would. */
  private String claimUnderReview(String customer) throws Exception {
    JsonNode claim =
        api(
            "POST",
            "/orders/o-1003/claims",
            customer,
            Map.of("lineId", "L1", "problem", "DAMAGED", "description", "cracked case"));
    String claimId = claim.path("claimId").asText();
    for (String kind : List.of("PROBLEM", "SHIPPING_LABEL", "PACKAGING")) {
      JsonNode slot =
          api(
              "POST",
              "/claims/" + claimId + "/uploads",
              customer,
              Map.of("kind", kind, "contentType", "image/png"));
      HttpRequest.Builder put =
          HttpRequest.newBuilder(URI.create(slot.path("url").asText()))
              .PUT(HttpRequest.BodyPublishers.ofFile(photo(kind + ".png", "png", Color.BLUE)));
      slot.path("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asText()));
      assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode())
          .isEqualTo(200);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (api("GET", "/claims/" + claimId, customer, null)
          .path("status")
          .asText()
          .equals("UNDER_REVIEW")) {
        return claimId;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("claim " + claimId + " never became UNDER_REVIEW:\n" + stack.output());
  }

  // ------------------------------------------------------------------ checks

  /** The order's ledger (as c-1001 reads it) holds one refund, from {@code source}: that one. */
  private static JsonNode theOnlyRefund(String orderId, String source) throws Exception {
    JsonNode ledger =
        api("GET", "/orders/" + orderId + "/refunds", token("c-1001", List.of()), null)
            .path("refunds");
    assertThat(ledger).as("one refund on the ledger of %s", orderId).hasSize(1);
    assertThat(ledger.get(0).path("source").asText()).isEqualTo(source);
    return ledger.get(0);
  }

  /** axe-core (web/node_modules, installed by the build's npm ci) in the page: nothing serious. */
  private void noSeriousAxeViolation() throws IOException {
    Path axe = REPO.resolve("web/node_modules/axe-core/axe.min.js");
    assertThat(axe).as("npm ci in web/ (the build runs it)").isRegularFile();
    js().executeScript(Files.readString(axe));
    Object result =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations"
                    + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    + " nodes: v.nodes.map(n => n.target.join(' '))})))))"
                    + ".catch(e => done('axe failed: ' + e));");
    assertThat(String.valueOf(result)).as("serious axe-core violations").isEqualTo("[]");
  }

  /**
   * The console's refund list (common/refunds.js, loaded by the page) rendering a pending refund
   * due in 2020 and a settled one: "class|badge" of each.
   */
  private String pastDueRendering() {
    return (String)
        js().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import('/common/refunds.js').then(m => {"
                    + " const money = {amount: 800, currency: 'EUR'};"
                    + " const refund = (id, status) => ({refundId: id, source: 'CLAIM', sourceId: id,"
                    + "  amount: money, status, dueBy: '2020-01-02',"
                    + "  breakdown: {lines: [], total: money}});"
                    + " const list = m.refundList([refund('r-1', 'PENDING'), refund('r-2', 'SETTLED')]);"
                    + " done([...list.querySelectorAll('li')].map(li => li.className + '|'"
                    + "  + (li.querySelector('.badge')?.textContent.trim() ?? '')).join('|'));"
                    + "}).catch(e => done('failed: ' + e));");
  }

  /** At a phone's width (390 px) the page needs no horizontal scrolling. */
  private void fitsAPhone() {
    browser.manage().window().setSize(new Dimension(390, 844));
    new WebDriverWait(browser, Duration.ofSeconds(5))
        .until(d -> (Long) js().executeScript("return window.innerWidth") <= 400);
    Object overflowing =
        js().executeScript(
                "const w = document.documentElement.clientWidth;"
                    + "return document.documentElement.scrollWidth <= w ? [] : [...document.querySelectorAll('body *')]"
                    + ".filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap'))"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
    assertThat((List<?>) overflowing).as("elements wider than 390 px").isEmpty();
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path shot = SCREENSHOTS.resolve(name + ".png");
    Files.write(shot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    if (System.getenv("REFRESH_SCREENSHOTS") != null && README_SHOTS.contains(name)) {
      Path docs = REPO.resolve("docs/screenshots");
      Files.createDirectories(docs);
      Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  // ------------------------------------------------------------------ helpers

  private JavascriptExecutor js() {
    return (JavascriptExecutor) browser;
  }

  private WebElement await(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private WebElement awaitText(By by, String text) {
    new WebDriverWait(browser, Duration.ofSeconds(40))
        .withMessage(() -> "text '" + text + "' in " + by + "; stack:\n" + tail(stack.output()))
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return browser.findElement(by);
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 3000));
  }

  private static String euros(long cents) {
    return String.format("€%d.%02d", cents / 100, cents % 100);
  }

  /** A real image file (javax.imageio): a coloured frame with its name written in it. */
  private static Path photo(String name, String format, Color colour) throws IOException {
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 640, 480);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    g.drawString(name, 40, 240);
    g.dispose();
    Path file = files.resolve(name);
    assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO writes " + format).isTrue();
    return file;
  }

  private static String token(String subject, List<String> groups) throws Exception {
    return api(
            "POST",
            "/_local/tokens",
            null,
            Map.of("sub", subject, "groups", groups, "scopes", List.of()))
        .path("token")
        .asText();
  }

  private static JsonNode api(String method, String path, String token, Object body)
      throws Exception {
    HttpResponse<String> response = stack.send(method, path, token, body);
    assertThat(response.statusCode() / 100)
        .as("%s %s → %s %s", method, path, response.statusCode(), response.body())
        .isEqualTo(2);
    return JSON.readTree(response.body());
  }
}
