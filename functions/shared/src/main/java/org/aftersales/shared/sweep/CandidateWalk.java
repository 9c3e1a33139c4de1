package org.aftersales.shared.sweep;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.aftersales.shared.store.Page;

/**
 * The walk of a scheduled sweep over its candidates: the pages of each query in turn (from a {@code
 * null} cursor to the last page), each candidate handed to the sweep's step; a step that throws is
 * reported to {@code failed}, counted, and the walk goes on; before each page and each candidate
 * the walk stops, incomplete, when less than {@code marginMillis} is left of the invocation ({@code
 * remainingMillis}), so the next scheduled run picks the rest up from the indexes. Knows no AWS
 * type: a query is {@code cursor -> page}.
 */
public record CandidateWalk(LongSupplier remainingMillis, long marginMillis) {

  /** What a walk did: candidates handed to the step, those it acted on, failures, all seen. */
  public record Tally(int candidates, int acted, int failures, boolean complete) {}

  /** Where a walk reports a candidate whose step threw (it goes on with the others). */
  @FunctionalInterface
  public interface Failures<T> {
    void failed(T candidate, RuntimeException e);
  }

  /** Walks one query: see {@link #walk(List, Predicate, Failures)}. */
  public <T> Tally walk(
      Function<String, Page<T>> query, Predicate<? super T> step, Failures<? super T> failed) {
    return walk(List.of(query), step, failed);
  }

  /**
   * Hands every candidate of {@code queries}, in order, to {@code step} (whether it acted on the
   * candidate); stops at the first query it could not finish in time.
   */
  public <T> Tally walk(
      List<? extends Function<String, Page<T>>> queries,
      Predicate<? super T> step,
      Failures<? super T> failed) {
    int candidates = 0;
    int acted = 0;
    int failures = 0;
    for (Function<String, Page<T>> query : queries) {
      String cursor = null;
      do {
        if (outOfTime()) {
          return new Tally(candidates, acted, failures, false);
        }
        Page<T> page = query.apply(cursor);
        for (T candidate : page.items()) {
          if (outOfTime()) {
            return new Tally(candidates, acted, failures, false);
          }
          candidates++;
          try {
            if (step.test(candidate)) {
              acted++;
            }
          } catch (RuntimeException e) {
            failures++;
            failed.failed(candidate, e);
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    return new Tally(candidates, acted, failures, true);
  }

  /**
   * {@code query} with only the items {@code keep} accepts on each page (its cursors unchanged):
   * for an index range wider than the sweep's candidates, or one item seen by two queries.
   */
  public static <T> Function<String, Page<T>> keeping(
      Function<String, Page<T>> query, Predicate<? super T> keep) {
    return cursor -> {
      Page<T> page = query.apply(cursor);
      return new Page<>(page.items().stream().filter(keep).toList(), page.nextCursor());
    };
  }

  private boolean outOfTime() {
    return remainingMillis.getAsLong() < marginMillis;
  }
}
