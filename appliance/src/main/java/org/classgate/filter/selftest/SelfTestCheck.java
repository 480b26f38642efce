package org.classgate.filter.selftest;

import java.util.Objects;

/**
 * One probe of the filtering self-test: a name the school's checks use and what the box must decide
 * for it. Immutable.
 *
 * @param id the stable id, also the configuration key's last part ({@code console.self-test.<id>});
 *     non-null
 * @param title what it checks, for staff; non-null
 * @param name the name probed, or null when none is configured (the check is reported as not
 *     configured: e.g. the IWF gives its test name only to list licensees)
 * @param expected what the box must decide; non-null
 * @param pupilsOnly true if the expectation holds only for the profiles pupils' devices use (e.g.
 *     gambling); for other profiles the decision is recorded for information
 */
public record SelfTestCheck(
    String id, String title, String name, Expectation expected, boolean pupilsOnly) {
  public SelfTestCheck {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(expected, "expected");
  }

  /** This check probing {@code other} instead (null: not configured). */
  public SelfTestCheck probing(String other) {
    return new SelfTestCheck(id, title, other, expected, pupilsOnly);
  }
}
