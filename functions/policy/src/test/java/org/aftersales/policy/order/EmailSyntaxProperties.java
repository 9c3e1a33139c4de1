package org.aftersales.policy.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/** MSG-3: the email syntax's edges, generated. */
class EmailSyntaxProperties {

  private static final String ATEXT =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

  @Provide
  Arbitrary<String> atoms() {
    return Arbitraries.strings().withChars(ATEXT.toCharArray()).ofMinLength(1).ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> labels() {
    Arbitrary<Character> letDig = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> inner =
        Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(0).ofMaxLength(20);
    return Combinators.combine(letDig, inner, letDig)
        .as((first, middle, last) -> middle.isEmpty() ? "" + first : first + middle + last);
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> local =
        atoms().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    Arbitrary<String> domain =
        labels().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
    return Combinators.combine(local, domain)
        .as((l, d) -> l + "@" + d)
        .filter(a -> a.indexOf('@') <= EmailSyntax.MAX_LOCAL_LENGTH);
  }

  @Property
  @Label("MSG-3 dot-separated atoms @ host name labels are addresses")
  void MSG_3_dot_separated_atoms_at_host_name_labels_are_addresses(
      @ForAll("addresses") String address) {
    assertThat(EmailSyntax.problem(address)).isNull();
  }

  @Property
  @Label("MSG-3 a character outside atext in an unquoted local part makes it no address")
  void MSG_3_a_character_outside_atext_in_an_unquoted_local_part_makes_it_no_address(
      @ForAll("addresses") String address,
      @ForAll @CharRange(from = ' ', to = '~') char c,
      @ForAll @IntRange(min = 0, max = 100) int where) {
    if (ATEXT.indexOf(c) >= 0 || c == '.' || c == '@') {
      return;
    }
    int at = address.lastIndexOf('@');
    int i = where % (at + 1);
    String broken = address.substring(0, i) + c + address.substring(i);
    assertThat(EmailSyntax.problem(broken)).as(broken).isNotNull();
  }

  @Property
  @Label("MSG-3 a leading, trailing or doubled dot in either part makes it no address")
  void MSG_3_a_leading_trailing_or_doubled_dot_in_either_part_makes_it_no_address(
      @ForAll("addresses") String address) {
    int at = address.lastIndexOf('@');
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    for (String broken :
        List.of(
            "." + address,
            local + ".@" + domain,
            local + "@." + domain,
            address + ".",
            local.replaceFirst("^([^.]*)", "$1..") + "@" + domain)) {
      assertThat(EmailSyntax.problem(broken)).as(broken).isNotNull();
    }
  }

  @Property
  @Label("MSG-3 nothing longer than 254 characters or with a local part over 64 is an address")
  void MSG_3_nothing_longer_than_254_characters_or_with_a_local_part_over_64_is_an_address(
      @ForAll @IntRange(min = 65, max = 300) int localLength,
      @ForAll @IntRange(min = 1, max = 200) int domainLength) {
    String domain = "d".repeat(Math.min(domainLength, 63));
    assertThat(EmailSyntax.problem("l".repeat(localLength) + "@" + domain)).isNotNull();
    String local = "l".repeat(Math.min(localLength, 64));
    String longDomain = ("d".repeat(62) + ".").repeat(5) + "d";
    String whole = local + "@" + longDomain.substring(0, Math.max(1, 255 - local.length() - 1));
    if (whole.endsWith(".")) {
      whole = whole + "d";
    }
    assertThat(whole.length()).isGreaterThan(254);
    assertThat(EmailSyntax.problem(whole)).isNotNull();
  }
}
