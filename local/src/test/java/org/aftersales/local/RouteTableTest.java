package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static HttpRoute route(String method, String path) {
    return new HttpRoute(method, path, method + " " + path, true, List.of());
  }

  private final RouteTable table =
      new RouteTable(
          List.of(
              route("GET", "/claims/{claimId}"),
              route("GET", "/claims/queue"),
              route("ANY", "/claims/{claimId}"),
              route("POST", "/claims/{claimId}/decision"),
              route("GET", "/files/{proxy+}")));

  @Test
  void a_literal_segment_beats_a_variable_whatever_the_order() {
    assertThat(table.match("GET", "/claims/queue").orElseThrow().route().path())
        .isEqualTo("/claims/queue");
    assertThat(table.match("GET", "/claims/cl-1").orElseThrow().route().routeKey())
        .isEqualTo("GET /claims/{claimId}");
  }

  @Test
  void an_exact_method_beats_any_which_still_catches_other_methods() {
    assertThat(table.match("GET", "/claims/cl-1").orElseThrow().route().method()).isEqualTo("GET");
    assertThat(table.match("DELETE", "/claims/cl-1").orElseThrow().route().method())
        .isEqualTo("ANY");
  }

  @Test
  void path_parameters_are_decoded_and_segments_must_all_match() {
    assertThat(table.match("POST", "/claims/cl%201/decision").orElseThrow().pathParameters())
        .isEqualTo(Map.of("claimId", "cl 1"));
    assertThat(table.match("POST", "/claims/cl-1/decision/extra")).isEmpty();
    assertThat(table.match("POST", "/claims")).isEmpty();
  }

  @Test
  void a_greedy_variable_takes_the_rest_of_the_path() {
    assertThat(table.match("GET", "/files/a/b/c.txt").orElseThrow().pathParameters())
        .isEqualTo(Map.of("proxy", "a/b/c.txt"));
    assertThat(table.match("GET", "/files")).isEmpty();
  }
}
