package org.classgate.filter.selftest;

import org.classgate.filter.Decision.Verdict;

/** What a self-test check expects the box to decide for its name. */
public enum Expectation {
  /** On a locked (illegal-content) list: blocked for everyone, never unblockable. */
  LOCKED("blocked by a locked list"),
  /** Blocked: by a locked list, the profile's deny entry or a category the profile blocks. */
  BLOCKED("blocked"),
  /** Address queries rewritten to the search engine's safe name. */
  SAFESEARCH("rewritten to SafeSearch"),
  /**
   * Answered as a canary name (NXDOMAIN): tells browsers and phones not to use their own encrypted
   * DNS, which would bypass the filter.
   */
  CANARY("answered as a canary (no DNS-over-HTTPS bypass)");

  private final String words;

  Expectation(String words) {
    this.words = words;
  }

  /** For staff, e.g. "blocked by a locked list". */
  public String words() {
    return words;
  }

  /** Whether {@code verdict} is what this expectation asks for. */
  public boolean metBy(Verdict verdict) {
    return switch (this) {
      case LOCKED -> verdict == Verdict.LOCKED;
      case BLOCKED ->
          verdict == Verdict.LOCKED
              || verdict == Verdict.DENIED_BY_ENTRY
              || verdict == Verdict.BLOCKED;
      case SAFESEARCH -> verdict == Verdict.SAFESEARCH;
      case CANARY -> verdict == Verdict.SPECIAL;
    };
  }
}
