package org.aftersales.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.aftersales.shared.json.Json;
import org.aftersales.shared.json.JsonBody;
import org.aftersales.shared.store.InvalidCursorException;
import org.junit.jupiter.api.Test;

/** The paging query both list routes read: {@code limit} and {@code nextToken}. */
class PageRequestTest {

  private static JsonBody query(String... pairs) {
    ObjectNode node = Json.object();
    for (int i = 0; i < pairs.length; i += 2) {
      node.put(pairs[i], pairs[i + 1]);
    }
    return JsonBody.of(node);
  }

  @Test
  void without_parameters_the_default_limit_and_the_first_page() {
    JsonBody query = query();

    assertThat(PageRequest.read(query, 20, 100)).isEqualTo(new PageRequest(null, 20));
    assertThat(query.isValid()).isTrue();
  }

  @Test
  void the_limit_and_token_are_read() {
    JsonBody query = query("limit", "100", "nextToken", "abc");

    assertThat(PageRequest.read(query, 20, 100)).isEqualTo(new PageRequest("abc", 100));
    assertThat(query.isValid()).isTrue();
  }

  @Test
  void a_limit_out_of_range_or_not_a_number_is_recorded_on_the_query() {
    for (String bad : new String[] {"0", "101", "ten", "-1"}) {
      JsonBody query = query("limit", bad);

      PageRequest.read(query, 20, 100);

      assertThat(query.errors())
          .containsExactly(new FieldError("limit", "must be an integer from 1 to 100"));
    }
  }

  @Test
  void a_token_the_listing_did_not_give_is_a_bad_request_on_next_token() {
    PageRequest page = new PageRequest("forged", 20);

    assertThatThrownBy(
            () ->
                page.list(
                    (cursor, limit) -> {
                      throw new InvalidCursorException("not ours");
                    }))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> {
              assertThat(problem.status()).isEqualTo(400);
              assertThat(problem.errors())
                  .extracting(FieldError::field)
                  .containsExactly("nextToken");
            });
    String listed = page.list((cursor, limit) -> cursor + "/" + limit);
    assertThat(listed).isEqualTo("forged/20");
  }
}
