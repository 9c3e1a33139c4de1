package org.aftersales.policy.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyBookTest {
  static final PolicyBook BOOK = PolicyBook.loadDefault();

  @Test
  void the_default_book_holds_two_versions_with_every_config_value() {
    assertThat(BOOK.versions())
        .extracting(PolicyDocument::version)
        .containsExactly("2025-01", "2026-06");
    PolicyDocument current = BOOK.byVersion("2026-06").orElseThrow();
    assertThat(current.storeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(current.refundDueBusinessDays()).isEqualTo(5); // GEN-5
    assertThat(current.autoCancelAfterBusinessDays()).isEqualTo(2); // CAN-6
    assertThat(current.returnWindowDays()).isEqualTo(60); // RET-1
    assertThat(current.returnSendByDays()).isEqualTo(14); // RET-9
    assertThat(current.doaWindowDays()).isEqualTo(14); // DOA-1
    assertThat(current.evidenceExpiryDays()).isEqualTo(14); // DOA-7
    assertThat(current.priceDropRefunds()).isFalse(); // NOF-1
    assertThat(current.isReturnable("Software")).isFalse(); // RET-8
    assertThat(current.isReturnable("electronics")).isTrue();
    assertThat(current.warrantyMonths("electronics")).isEqualTo(24); // RET-7
    assertThat(current.warrantyMonths("garden")).isEqualTo(12);
    assertThat(current.holidays()).contains(LocalDate.parse("2026-12-25"));
    assertThat(current.evidenceRule(EvidenceKind.PROBLEM).allows("video/mp4")).isTrue();
    assertThat(current.evidenceRule(EvidenceKind.SHIPPING_LABEL).allows("video/mp4")).isFalse();
    assertThat(current.evidenceRule(EvidenceKind.PACKAGING).maxBytes()).isEqualTo(10_485_760L);
    assertThat(current.returnAddress().recipient()).isEqualTo("KWOKING Returns");
  }

  @Test
  @DisplayName("GEN-7 an order is judged by the version in force when it was placed")
  void GEN_7_an_order_is_judged_by_the_version_in_force_when_it_was_placed() {
    assertThat(BOOK.inForceAt(Instant.parse("2026-05-31T23:59:59Z")).version())
        .isEqualTo("2025-01");
    assertThat(BOOK.inForceAt(Instant.parse("2026-06-01T00:00:00Z")).version())
        .isEqualTo("2026-06");
    assertThat(BOOK.inForceAt(Instant.parse("2026-05-31T23:59:59Z")).returnWindowDays())
        .isEqualTo(30);
    assertThat(BOOK.current(Instant.parse("2026-11-26T12:00:00Z")).version()).isEqualTo("2026-06");
    assertThatThrownBy(() -> BOOK.inForceAt(Instant.parse("2024-12-31T23:59:59Z")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GEN-7");
    assertThat(BOOK.byVersion("nope")).isEmpty();
  }

  @Test
  @DisplayName(
      "GEN-7 an order keeps the version recorded on it, even after a newer one takes effect")
  void GEN_7_an_order_keeps_the_version_recorded_on_it() {
    Instant placedInMay = Instant.parse("2026-05-20T10:00:00Z");

    assertThat(BOOK.judging("2025-01", placedInMay).returnWindowDays()).isEqualTo(30);
    assertThat(BOOK.judging("2026-06", placedInMay).version()).isEqualTo("2026-06");
    // a version no longer in the book: the one in force when the order was placed
    assertThat(BOOK.judging("retired", placedInMay).version()).isEqualTo("2025-01");
  }

  @Test
  @DisplayName("GEN-7 a book has versions with distinct ids and distinct effectiveFrom instants")
  void GEN_7_an_invalid_book_is_refused() {
    PolicyDocument v2025 = StorePolicies.version2025();
    assertThatThrownBy(() -> new PolicyBook(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one version");
    assertThatThrownBy(() -> new PolicyBook(java.util.List.of(v2025, v2025)))
        .hasMessageContaining("duplicate policy version 2025-01");
    assertThatThrownBy(
            () -> new PolicyBook(java.util.List.of(v2025, renamed(v2025, "2025-01-bis"))))
        .hasMessageContaining("two policy versions take effect at 2025-01-01T00:00:00Z");
  }

  private static PolicyDocument renamed(PolicyDocument p, String version) {
    return new PolicyDocument(
        version,
        p.effectiveFrom(),
        p.storeZone(),
        p.holidays(),
        p.holidaysKnownThrough(),
        p.refundDueBusinessDays(),
        p.autoCancelAfterBusinessDays(),
        p.returnWindowDays(),
        p.returnSendByDays(),
        p.doaWindowDays(),
        p.evidenceExpiryDays(),
        p.uploadUrlMinutes(),
        p.nonReturnableCategories(),
        p.warrantyMonthsByCategory(),
        p.defaultWarrantyMonths(),
        p.returnAddress(),
        p.evidenceRules(),
        p.priceDropRefunds(),
        p.law(),
        p.warrantyTerms());
  }
}
