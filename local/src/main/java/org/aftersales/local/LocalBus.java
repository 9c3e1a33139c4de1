package org.aftersales.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aftersales.localaws.LocalEventBridge;

/**
 * The stack's EventBridge bus, locally: the kit's PutEvents endpoint ({@link LocalEventBridge})
 * where the functions publish, and the template's rules on it ({@link SamTemplate#rules}): an event
 * that matches a rule is delivered to its function (asynchronously, retried like Lambda's
 * asynchronous invocations) or, for the store's webhook rule, POSTed as JSON to {@code --webhook
 * URL} when given. With {@code --webhook} and no webhook rule in the template (its {@code
 * StoreWebhookUrl} parameter is empty), every event of the bus is POSTed there. A webhook delivery
 * is retried with exponential backoff (1 s doubling, at most 60 s apart) until the rule's retry
 * policy is spent (attempts or event age), then logged as dead-lettered. Side effects: a server
 * socket, threads that invoke functions and send HTTP requests.
 */
public final class LocalBus implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<RuleDefinition> rules;
  private final LocalFunctions functions;
  private final Optional<URI> webhook;
  private final PrintStream console;
  private final ExecutorService deliveries =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "local-bus");
            t.setDaemon(true);
            return t;
          });
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "local-bus-retries");
            t.setDaemon(true);
            return t;
          });
  private LocalEventBridge bridge;

  public LocalBus(
      SamTemplate template, LocalFunctions functions, Optional<URI> webhook, PrintStream console) {
    List<RuleDefinition> templateRules = template.rules();
    boolean hasWebhookRule = templateRules.stream().anyMatch(RuleDefinition::toWebhook);
    this.rules =
        webhook.isPresent() && !hasWebhookRule
            ? java.util.stream.Stream.concat(
                    templateRules.stream(),
                    java.util.stream.Stream.of(
                        new RuleDefinition(
                            "--webhook",
                            null,
                            null,
                            RuleDefinition.DEFAULT_RETRY_ATTEMPTS,
                            RuleDefinition.DEFAULT_EVENT_AGE)))
                .toList()
            : templateRules;
    this.functions = functions;
    this.webhook = webhook;
    this.console = console;
  }

  /** Starts the PutEvents endpoint at {@code endpoint}'s port and delivers what it gets. */
  public void start(URI endpoint) {
    bridge = LocalEventBridge.start(endpoint.getPort());
    bridge.subscribe(this::deliver);
  }

  /** The events put on the bus so far. */
  public List<ObjectNode> received() {
    return bridge.received();
  }

  private void deliver(ObjectNode event) {
    for (RuleDefinition rule : rules) {
      if (!rule.matches(event)) {
        continue;
      }
      if (rule.toWebhook()) {
        webhook.ifPresent(url -> post(rule, url, event, 1, Instant.now()));
      } else if (functions.has(rule.functionId())) {
        deliveries.submit(() -> invoke(rule, event));
      }
    }
  }

  private void invoke(RuleDefinition rule, ObjectNode event) {
    byte[] payload = event.toString().getBytes(StandardCharsets.UTF_8);
    String trigger = "EventBridge " + rule.name() + " " + event.path("detail-type").asText();
    functions.invokeAsync(trigger, rule.functionId(), payload, () -> {});
  }

  private void post(RuleDefinition rule, URI url, ObjectNode event, int attempt, Instant first) {
    deliveries.submit(
        () -> {
          String outcome;
          try {
            HttpResponse<Void> response =
                HTTP.send(
                    HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(5))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event.toString()))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() < 300) {
              console.printf(
                  "webhook %s %s: %d%n",
                  event.path("detail-type").asText(), url, response.statusCode());
              return;
            }
            outcome = "HTTP " + response.statusCode();
          } catch (IOException e) {
            outcome = e.toString();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          Duration backoff = Duration.ofSeconds(Math.min(60, 1L << Math.min(attempt - 1, 6)));
          if (attempt > rule.maxRetryAttempts()
              || Instant.now().plus(backoff).isAfter(first.plus(rule.maxEventAge()))) {
            console.printf(
                "webhook %s %s: dead-lettered after %d attempts (%s): %s%n",
                event.path("detail-type").asText(), url, attempt, outcome, event);
            return;
          }
          console.printf(
              "webhook %s %s: %s, retry %d in %d s%n",
              event.path("detail-type").asText(), url, outcome, attempt, backoff.toSeconds());
          retries.schedule(
              () -> post(rule, url, event, attempt + 1, first),
              backoff.toMillis(),
              TimeUnit.MILLISECONDS);
        });
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
    retries.shutdownNow();
    deliveries.shutdownNow();
  }
}
