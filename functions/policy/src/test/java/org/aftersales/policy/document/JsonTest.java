package org.aftersales.policy.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void parses_every_kind_of_value() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2, 3.5, 1e3, true, false, null, \"x\\n\\u00e9\\\"\"], \"b\": {}, \"c\": []} ");
    assertThat(v).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) v;
    assertThat(map.keySet()).containsExactly("a", "b", "c");
    @SuppressWarnings("unchecked")
    List<Object> a = (List<Object>) map.get("a");
    assertThat(a)
        .containsExactly(
            1L,
            -2L,
            new BigDecimal("3.5"),
            new BigDecimal("1e3"),
            true,
            false,
            Json.NULL,
            "x\né\"");
    assertThat(map.get("b")).isEqualTo(Map.of());
    assertThat(Json.parse("0")).isEqualTo(0L);
    assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("😀");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"a\": 1,}|trailing comma in object|line 1, column 9",
        "[1, 2,]|trailing comma in array|line 1, column 7",
        "{\"a\": 1, \"a\": 2}|duplicate key \"a\"|line 1, column 10",
        "01|leading zeros|line 1, column 2",
        "\"abc|unterminated string|offset 4",
        "[1] x|unexpected content after the JSON value|line 1, column 5",
        "// c\\n1|unexpected character '/'|line 1, column 1",
        "{'a': 1}|expected a string key|line 1, column 2",
        "99999999999999999999|does not fit in 64 bits|offset 0",
        "[1 2]|expected ',' or ']'|line 1, column 4",
        "{\"a\" 1}|expected ':'|line 1, column 6",
        "tru|expected true|line 1, column 1",
        "\"\\x\"|invalid escape|offset 2",
        "-|expected a digit|offset 1",
        "1.|expected a digit after the decimal point|offset 2",
        "''|unexpected character|offset 0",
        "``|unexpected end of input|offset 0",
      })
  void refuses_invalid_json_and_says_where(String text, String message, String where) {
    assertThatThrownBy(() -> Json.parse(text.replace("\\n", "\n")))
        .isInstanceOf(PolicyFormatException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(where);
  }

  @Test
  void positions_count_lines() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\": x\n}"))
        .hasMessageContaining("line 3, column 8");
  }

  @Test
  void refuses_raw_control_characters_in_strings_and_deep_nesting() {
    assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("U+0009");
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("nesting");
  }
}
