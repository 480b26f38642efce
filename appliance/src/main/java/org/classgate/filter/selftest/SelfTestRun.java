package org.classgate.filter.selftest;

import java.util.List;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * One recorded run of the filtering self-test: evidence for the school's annual filtering review.
 * Immutable.
 *
 * @param id the run's id in the store (0 before it is stored)
 * @param stamp when it ran, in trusted time; non-null
 * @param by who ran it (a console user, or the box itself); non-null
 * @param results every check × profile, in check order then profile order; non-null
 */
public record SelfTestRun(long id, Stamp stamp, String by, List<SelfTestResult> results) {
  public SelfTestRun {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(by, "by");
    results = List.copyOf(results);
  }

  /** The results that did not meet their expectation. */
  public List<SelfTestResult> failures() {
    return results.stream()
        .filter(result -> result.outcome() == SelfTestResult.Outcome.FAILED)
        .toList();
  }

  public boolean passed() {
    return failures().isEmpty();
  }
}
