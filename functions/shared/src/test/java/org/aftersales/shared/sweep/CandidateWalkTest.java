package org.aftersales.shared.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.aftersales.shared.store.Page;
import org.junit.jupiter.api.Test;

/** The walk every scheduled sweep makes over its candidates: pages, the time margin, failures. */
class CandidateWalkTest {

  private static final long MARGIN = 1_000;

  /** A walk with all the time it wants. */
  private static final CandidateWalk UNHURRIED = new CandidateWalk(() -> Long.MAX_VALUE, MARGIN);

  /** A query over {@code items}, {@code size} a page, its cursor the index of the next item. */
  private static Function<String, Page<String>> pagesOf(int size, String... items) {
    return cursor -> {
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(items.length, from + size);
      return new Page<>(
          List.of(items).subList(from, to), to < items.length ? String.valueOf(to) : null);
    };
  }

  /**
   * {@code enough} for the first {@code checks} checks of the remaining time, then {@code then}.
   */
  private static LongSupplier plentyFor(int checks, long then) {
    return plentyFor(checks, 60_000, then);
  }

  private static LongSupplier plentyFor(int checks, long enough, long then) {
    AtomicInteger made = new AtomicInteger();
    return () -> made.incrementAndGet() <= checks ? enough : then;
  }

  @Test
  void walks_every_page_of_every_query_in_order_and_counts_what_the_step_acted_on() {
    List<String> seen = new ArrayList<>();
    CandidateWalk.Tally tally =
        UNHURRIED.walk(
            List.of(pagesOf(2, "a1", "a2", "a3", "a4", "a5"), pagesOf(2), pagesOf(3, "b1")),
            candidate -> seen.add(candidate) && !candidate.equals("a2"),
            (candidate, e) -> {
              throw new AssertionError("no step failed", e);
            });

    assertThat(seen).containsExactly("a1", "a2", "a3", "a4", "a5", "b1");
    assertThat(tally).isEqualTo(new CandidateWalk.Tally(6, 5, 0, true));
  }

  @Test
  void stops_incomplete_once_less_than_the_margin_is_left_before_a_page() {
    List<String> seen = new ArrayList<>();
    // Checks: page 1, c1, c2, then page 2 finds the margin reached.
    CandidateWalk.Tally tally =
        new CandidateWalk(plentyFor(3, MARGIN - 1), MARGIN)
            .walk(pagesOf(2, "c1", "c2", "c3", "c4"), seen::add, (candidate, e) -> {});

    assertThat(seen).containsExactly("c1", "c2");
    assertThat(tally).isEqualTo(new CandidateWalk.Tally(2, 2, 0, false));
  }

  @Test
  void stops_incomplete_before_a_candidate_and_takes_no_later_query() {
    List<String> seen = new ArrayList<>();
    // Checks: page 1, c1 (the margin exactly), then c2 finds less; the second query is never asked.
    CandidateWalk.Tally tally =
        new CandidateWalk(plentyFor(2, MARGIN, 0), MARGIN)
            .walk(
                List.of(
                    pagesOf(5, "c1", "c2", "c3"),
                    cursor -> {
                      throw new AssertionError("the second query was asked");
                    }),
                seen::add,
                (candidate, e) -> {});

    assertThat(seen).containsExactly("c1");
    assertThat(tally).isEqualTo(new CandidateWalk.Tally(1, 1, 0, false));
  }

  @Test
  void a_failing_candidate_is_reported_and_counted_and_the_walk_goes_on() {
    Map<String, RuntimeException> failed = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    CandidateWalk.Tally tally =
        UNHURRIED.walk(
            pagesOf(2, "d1", "d2", "d3"),
            candidate -> {
              if (candidate.equals("d2")) {
                throw new IllegalStateException("d2 cannot be read");
              }
              return seen.add(candidate);
            },
            failed::put);

    assertThat(seen).containsExactly("d1", "d3");
    assertThat(failed).containsOnlyKeys("d2");
    assertThat(failed.get("d2")).hasMessage("d2 cannot be read");
    assertThat(tally).isEqualTo(new CandidateWalk.Tally(3, 2, 1, true));
  }

  @Test
  void keeping_leaves_out_what_is_not_a_candidate_and_keeps_the_cursors() {
    List<String> seen = new ArrayList<>();
    CandidateWalk.Tally tally =
        UNHURRIED.walk(
            CandidateWalk.keeping(
                pagesOf(2, "e1", "x", "x", "x", "e2"), candidate -> !candidate.equals("x")),
            seen::add,
            (candidate, e) -> {});

    assertThat(seen).containsExactly("e1", "e2");
    assertThat(tally).isEqualTo(new CandidateWalk.Tally(2, 2, 0, true));
  }
}
