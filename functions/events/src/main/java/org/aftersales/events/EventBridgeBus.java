package org.aftersales.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.aws.AwsSettings;
import org.aftersales.shared.events.PendingEvent;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@link EventBus} on an EventBridge bus: {@code PutEvents} with up to 10 entries a call ({@code
 * Source = aftersales}, {@code DetailType} = the event type, {@code Detail} = the event JSON,
 * {@code Time} = when it occurred). A call with a failed entry fails the whole put: the outbox
 * keeps every event of it and the next attempt puts them again (consumers dedupe by {@code
 * eventId}).
 */
public record EventBridgeBus(EventBridgeClient client, String busName) implements EventBus {

  public static final String SOURCE = "aftersales";
  static final int MAX_ENTRIES = 10;

  public EventBridgeBus {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(busName, "busName");
  }

  /**
   * The Lambda environment's: a client built as every client here ({@link AwsClients#configure}),
   * pointed at {@code AWS_ENDPOINT_URL_EVENTBRIDGE} when set (tests, the local stack), on the bus
   * {@code EVENT_BUS_NAME}.
   */
  public static EventBridgeBus fromEnvironment() {
    EventBridgeClientBuilder builder =
        AwsClients.configure(EventBridgeClient.builder(), AwsSettings.fromEnvironment());
    endpoint().ifPresent(builder::endpointOverride);
    String bus = System.getenv("EVENT_BUS_NAME");
    if (bus == null || bus.isBlank()) {
      throw new IllegalStateException("EVENT_BUS_NAME is not set");
    }
    return new EventBridgeBus(builder.build(), bus);
  }

  private static Optional<URI> endpoint() {
    String url = System.getenv("AWS_ENDPOINT_URL_EVENTBRIDGE");
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
  }

  @Override
  public void put(List<PendingEvent> events) {
    for (int from = 0; from < events.size(); from += MAX_ENTRIES) {
      List<PutEventsRequestEntry> entries = new ArrayList<>();
      for (PendingEvent e : events.subList(from, Math.min(events.size(), from + MAX_ENTRIES))) {
        entries.add(
            PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(e.type())
                .detail(e.json())
                .time(e.occurredAt())
                .build());
      }
      PutEventsResponse response = client.putEvents(put -> put.entries(entries));
      Integer failed = response.failedEntryCount();
      if (failed != null && failed > 0) {
        List<String> codes =
            response.entries().stream()
                .map(PutEventsResultEntry::errorCode)
                .filter(Objects::nonNull)
                .toList();
        throw new IllegalStateException(
            "EventBridge did not take " + failed + " of " + entries.size() + " events: " + codes);
      }
    }
  }
}
