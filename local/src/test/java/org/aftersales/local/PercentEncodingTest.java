package org.aftersales.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

  @Test
  void well_formed_paths_and_queries_pass() {
    assertThat(PercentEncoding.firstError("path", "/orders/o%201/claims")).isEmpty();
    assertThat(PercentEncoding.firstError("path", "/orders/%C3%A9t%C3%A9")).isEmpty();
    assertThat(PercentEncoding.firstError("query", "a=%2B&b=c+d")).isEmpty();
    assertThat(PercentEncoding.firstError("query", null)).isEmpty();
  }

  @Test
  void a_percent_without_two_hex_digits_or_bytes_that_are_not_utf8_are_named() {
    assertThat(PercentEncoding.firstError("path", "/orders/%zz"))
        .contains("the path has '%' at index 8 not followed by two hex digits");
    assertThat(PercentEncoding.firstError("path", "/orders/o%2")).isPresent();
    assertThat(PercentEncoding.firstError("path", "/orders/o%")).isPresent();
    assertThat(PercentEncoding.firstError("query", "x=%C3%28"))
        .contains("the query is percent-encoded bytes that are not UTF-8");
    assertThat(PercentEncoding.firstError("path", "/orders/%FF")).isPresent();
  }
}
