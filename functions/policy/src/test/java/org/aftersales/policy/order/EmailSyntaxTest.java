package org.aftersales.policy.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MSG-3: what counts as an email address (RFC 5321 syntax and length limits). */
class EmailSyntaxTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kim@example.com",
        "k@x",
        "first.last@sub.example.co.uk",
        "user+tag@example.com",
        "o'brien@example.ie",
        "!#$%&'*+-/=?^_`{|}~@example.com",
        "\"john doe\"@example.com",
        "\"a@b\"@example.com",
        "\"quoted\\\"quote\"@example.com",
        "user@[192.0.2.1]",
        "user@[IPv6:2001:db8::1]",
        "user@[IPv6:2001:db8:0:0:0:0:0:1]",
        "user@[IPv6:::ffff:192.0.2.1]",
        "user@xn--bcher-kva.example",
        "user@1-2.example"
      })
  void MSG_3_addresses_in_rfc_5321_syntax_are_accepted(String address) {
    assertThat(EmailSyntax.problem(address)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plainaddress",
        "@example.com",
        "kim@",
        "kim@@example.com",
        ".kim@example.com",
        "kim.@example.com",
        "ki..m@example.com",
        "kim smith@example.com",
        "kim@exa mple.com",
        "kim@-example.com",
        "kim@example-.com",
        "kim@example..com",
        "kim@.example.com",
        "kim@example.com.",
        "kim@exam_ple.com",
        "kim(comment)@example.com",
        "kim,lee@example.com",
        "<kim@example.com>",
        "kim@example.com\n",
        "kim\u0000@example.com",
        "jörg@example.de",
        "kim@bücher.example",
        "\"unterminated@example.com",
        "\"bad\"quote\"@example.com",
        "\"ends in backslash\\\"@example.com",
        "user@[192.0.2.256]",
        "user@[192.0.2]",
        "user@[IPv6:2001:db8::1::2]",
        "user@[IPv6:1:2:3:4:5:6:7]",
        "user@[IPv6:1:2:3:4:5:6:7:8:9]",
        "user@[IPv6:12345::1]",
        "user@[example.com]"
      })
  void MSG_3_texts_that_are_not_addresses_are_refused_with_a_reason(String text) {
    assertThat(EmailSyntax.problem(text)).isNotBlank();
  }

  @org.junit.jupiter.api.Test
  void MSG_3_the_limits_are_64_characters_before_the_at_and_254_in_all() {
    String local64 = "a".repeat(64);
    String label63 = "b".repeat(63);
    // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254
    String longest = local64 + "@" + label63 + "." + label63 + "." + "c".repeat(61);
    assertThat(longest).hasSize(254);
    assertThat(EmailSyntax.problem(longest)).isNull();
    assertThat(EmailSyntax.problem(longest + "c")).contains("254");
    assertThat(EmailSyntax.problem(local64 + "a@example.com")).contains("64");
    assertThat(EmailSyntax.problem("kim@" + "b".repeat(64) + ".example")).isNotNull();
  }
}
