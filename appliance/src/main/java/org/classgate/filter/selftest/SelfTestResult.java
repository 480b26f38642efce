package org.classgate.filter.selftest;

import java.util.Locale;
import java.util.Objects;

/**
 * What one check found for one profile. Immutable.
 *
 * @param checkId the check's id; non-null
 * @param title the check's title; non-null
 * @param profile the profile probed; non-null
 * @param name the name probed; null when not configured
 * @param expected what the check expects for this profile; null when it expects nothing of it
 *     ({@link Outcome#INFORMATION}) or was not run
 * @param verdict the box's decision ({@code Decision.Verdict} name, e.g. {@code BLOCKED}); null
 *     when not run
 * @param outcome how the decision compares with the expectation; non-null
 * @param detail one line for staff: what decided, or why the check did not run; non-null
 */
public record SelfTestResult(
    String checkId,
    String title,
    String profile,
    String name,
    Expectation expected,
    String verdict,
    Outcome outcome,
    String detail) {
  /** How a decision compares with what the check expects. */
  public enum Outcome {
    /** The box decided as expected. */
    PASSED,
    /** The box did not decide as expected: a gap in the filtering. */
    FAILED,
    /** The check expects nothing of this profile; the decision is shown for information. */
    INFORMATION,
    /** No name is configured for the check. */
    NOT_CONFIGURED;

    /** The stored name, e.g. {@code not-configured}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @throws IllegalArgumentException if {@code label} names no outcome
     */
    public static Outcome ofLabel(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  public SelfTestResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
