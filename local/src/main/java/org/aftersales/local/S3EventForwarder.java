package org.aftersales.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.aftersales.localaws.S3Notifications;

/**
 * Forwards the local S3 server's notifications to the functions subscribed with {@code S3} events,
 * shaped as real S3 delivers them ({@link S3Notifications}). Like S3's asynchronous invocation, a
 * failed invocation is logged, not reported to the uploader. Side effects: invokes functions.
 */
public final class S3EventForwarder implements Consumer<JsonNode> {

  private final List<S3Subscription> subscriptions;
  private final LocalFunctions functions;

  public S3EventForwarder(SamTemplate template, LocalFunctions functions) {
    this.subscriptions = template.functions().stream().flatMap(f -> f.s3Events().stream()).toList();
    this.functions = functions;
  }

  @Override
  public void accept(JsonNode notification) {
    for (S3Subscription subscription : subscriptions) {
      Optional<ObjectNode> delivery =
          S3Notifications.asS3Delivers(notification, subscription::wants);
      if (delivery.isEmpty()) {
        continue;
      }
      JsonNode first = delivery.get().path("Records").path(0);
      String trigger =
          "S3 "
              + first.path("eventName").asText()
              + " "
              + first.path("s3").path("bucket").path("name").asText()
              + "/"
              + first.path("s3").path("object").path("key").asText();
      byte[] event = delivery.get().toString().getBytes(StandardCharsets.UTF_8);
      functions.invokeAsync(trigger, subscription.functionId(), event, S3EventForwarder::pause);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
