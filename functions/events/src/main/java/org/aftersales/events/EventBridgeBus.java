package org.aftersales.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * {@code Time} = when it occurred), and less than 256 KB of entries a call as EventBridge counts
 * them ({@link #entrySize}): a batch is split into calls that each keep within both, in order
 * ({@link #requests}). A call with a failed entry fails the whole put: the outbox keeps every event
 * of it and the next attempt puts them again (consumers dedupe by {@code eventId}).
 */
public record EventBridgeBus(EventBridgeClient client, String busName) implements EventBus {

  public static final String SOURCE = "aftersales";
  static final int MAX_ENTRIES = 10;

  /** A {@code PutEvents} call's entries must total less than 256 KB (EventBridge refuses it). */
  static final int MAX_REQUEST_BYTES = 256 * 1024;

  /** {@code Time}, when set, counts as 14 bytes ({@link #entrySize}). */
  private static final int TIME_BYTES = 14;

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
    List<PutEventsRequestEntry> all = new ArrayList<>(events.size());
    for (PendingEvent e : events) {
      all.add(
          PutEventsRequestEntry.builder()
              .eventBusName(busName)
              .source(SOURCE)
              .detailType(e.type())
              .detail(e.json())
              .time(e.occurredAt())
              .build());
    }
    for (List<PutEventsRequestEntry> entries : requests(all)) {
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

  /**
   * {@code entries} cut, in order, into the calls to make: each of at most {@link #MAX_ENTRIES}
   * entries totalling less than {@link #MAX_REQUEST_BYTES} ({@link #entrySize}); a call is closed
   * when the next entry would not fit.
   *
   * @throws IllegalArgumentException for an entry not under the limit on its own, which EventBridge
   *     would refuse whatever the batch (its event must be bounded where it is made)
   */
  static List<List<PutEventsRequestEntry>> requests(List<PutEventsRequestEntry> entries) {
    List<List<PutEventsRequestEntry>> requests = new ArrayList<>();
    List<PutEventsRequestEntry> current = new ArrayList<>();
    long bytes = 0;
    for (PutEventsRequestEntry entry : entries) {
      long size = entrySize(entry);
      if (size >= MAX_REQUEST_BYTES) {
        throw new IllegalArgumentException(
            "a "
                + entry.detailType()
                + " event of "
                + size
                + " bytes is not under EventBridge's limit of "
                + MAX_REQUEST_BYTES);
      }
      if (current.size() == MAX_ENTRIES || bytes + size >= MAX_REQUEST_BYTES) {
        requests.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(entry);
      bytes += size;
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }

  /**
   * An entry's size as EventBridge counts it against the limit: {@code Time}, when set, 14 bytes;
   * {@code Source}, {@code DetailType}, {@code Detail} and each of {@code Resources}, the bytes of
   * their UTF-8 form.
   */
  static long entrySize(PutEventsRequestEntry entry) {
    long size = entry.time() == null ? 0 : TIME_BYTES;
    size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
    if (entry.hasResources()) {
      for (String resource : entry.resources()) {
        size += utf8(resource);
      }
    }
    return size;
  }

  private static long utf8(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
