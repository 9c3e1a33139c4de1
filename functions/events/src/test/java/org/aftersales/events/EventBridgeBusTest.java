package org.aftersales.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * How the bus cuts a batch into {@code PutEvents} calls (MSG-2): by EventBridge's count of an
 * entry's bytes, each call under 256 KB and of at most 10 entries, in order. No I/O.
 */
class EventBridgeBusTest {

  static final Instant AT = Instant.parse("2026-11-26T13:20:00Z");

  /** An entry of exactly {@code bytes} by EventBridge's count, its detail naming {@code n}. */
  private static PutEventsRequestEntry entry(int n, int bytes) {
    String head = "{\"n\":" + n + ",\"pad\":\"";
    String tail = "\"}";
    int fixed = 14 + "aftersales".length() + "ClaimDecided".length();
    String detail = head + "x".repeat(bytes - fixed - head.length() - tail.length()) + tail;
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source("aftersales")
            .detailType("ClaimDecided")
            .detail(detail)
            .time(AT)
            .build();
    assertThat(EventBridgeBus.entrySize(entry)).isEqualTo(bytes);
    return entry;
  }

  @Test
  void an_entry_counts_time_as_14_bytes_and_its_texts_as_utf8_bytes() {
    PutEventsRequestEntry entry =
        PutEventsRequestEntry.builder()
            .source("aftersales")
            .detailType("ClaimDecided")
            .detail("{\"name\":\"Zoë €\"}")
            .resources("arn:a", "arn:bc")
            .time(AT)
            .build();

    // ë is 2 bytes and € 3 in UTF-8: the detail is 16 characters and 19 bytes
    assertThat(EventBridgeBus.entrySize(entry)).isEqualTo(14 + 10 + 12 + 19 + 5 + 6);
    assertThat(EventBridgeBus.entrySize(entry.toBuilder().time(null).resources(List.of()).build()))
        .isEqualTo(10 + 12 + 19);
  }

  @Test
  void MSG_2_entries_that_together_reach_256_KB_go_in_separate_calls_in_order() {
    List<PutEventsRequestEntry> entries =
        List.of(entry(1, 150_000), entry(2, 100_000), entry(3, 20_000), entry(4, 262_143));

    List<List<PutEventsRequestEntry>> requests = EventBridgeBus.requests(entries);

    // 150,000 + 100,000 fit; + 20,000 would be 270,000; the last is 1 byte under the limit alone
    assertThat(requests)
        .containsExactly(
            List.of(entries.get(0), entries.get(1)),
            List.of(entries.get(2)),
            List.of(entries.get(3)));
    assertThat(requests)
        .allSatisfy(
            r ->
                assertThat(r.stream().mapToLong(EventBridgeBus::entrySize).sum())
                    .isLessThan(EventBridgeBus.MAX_REQUEST_BYTES));
  }

  @Test
  void MSG_2_a_call_that_would_total_exactly_256_KB_is_split() {
    List<PutEventsRequestEntry> entries = List.of(entry(1, 131_072), entry(2, 131_072));

    assertThat(EventBridgeBus.requests(entries))
        .containsExactly(List.of(entries.get(0)), List.of(entries.get(1)));
  }

  @Test
  void MSG_2_small_entries_go_ten_to_a_call_in_order() {
    List<PutEventsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      entries.add(entry(i, 1_000));
    }

    List<List<PutEventsRequestEntry>> requests = EventBridgeBus.requests(entries);

    assertThat(requests).extracting(List::size).containsExactly(10, 10, 3);
    assertThat(requests.stream().flatMap(List::stream).toList()).isEqualTo(entries);
    assertThat(EventBridgeBus.requests(List.of())).isEmpty();
  }

  @Test
  void an_entry_of_256_KB_on_its_own_is_refused_before_any_call() {
    List<PutEventsRequestEntry> entries = List.of(entry(1, 1_000), entry(2, 262_144));

    assertThatThrownBy(() -> EventBridgeBus.requests(entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ClaimDecided event of 262144 bytes");
  }
}
