package org.classgate.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Decision.CategoryMatch;
import org.classgate.filter.Decision.Verdict;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceScope;

/**
 * Writes the human-readable part of a {@link Decision}: a headline, then one line per stage in
 * chain order saying what it found and whether it passed the name on, decided, or was not reached.
 * Not thread-safe; one per explanation.
 */
final class ExplanationText {
  /** Stage positions, in chain order; {@link #stageOf} maps a verdict to its stage. */
  private static final String[] STAGES = {
    "special names", "locked lists", "profile entries", "allowances", "categories", "SafeSearch"
  };

  private static final int ENTRIES = 2;
  private static final int ALLOWANCES = 3;

  private final Name name;
  private final String profile;
  private final Instant at;
  private final String period;
  private final Verdict verdict;
  private final List<CategoryMatch> matches;
  private final boolean forDevice;
  private final StringBuilder out = new StringBuilder();

  ExplanationText(
      Name name,
      String profile,
      Instant at,
      String period,
      Verdict verdict,
      List<CategoryMatch> matches,
      boolean forDevice) {
    this.name = name;
    this.profile = profile;
    this.at = at;
    this.period = period;
    this.verdict = verdict;
    this.matches = matches;
    this.forDevice = forDevice;
  }

  /** The stage that decides a verdict; past the last stage for {@link Verdict#ALLOWED}. */
  private static int stageOf(Verdict verdict) {
    return switch (verdict) {
      case SPECIAL -> 0;
      case LOCKED -> 1;
      case DENIED_BY_ENTRY, ALLOWED_BY_ENTRY -> ENTRIES;
      case ALLOWED_BY_ALLOWANCE -> ALLOWANCES;
      case BLOCKED -> 4;
      case SAFESEARCH -> 5;
      case ALLOWED -> STAGES.length;
    };
  }

  /**
   * @param denyEntry the profile's deny entry that covers the name, or null
   * @param allowEntry the profile's allow entry that covers the name, or null
   * @param allowance the allowance that covers the name now, or null
   * @param allowed whether the allowance set lets the name through
   * @param safeTarget the SafeSearch target, or null
   * @param forName every allowance for the name or an ancestor, applying now or not
   */
  String write(
      Name denyEntry,
      Name allowEntry,
      Allowance allowance,
      boolean allowed,
      Name safeTarget,
      List<Allowance> forName) {
    out.append(text(name))
        .append(" for profile ")
        .append(profile)
        .append(" at ")
        .append(at)
        .append(" (period ")
        .append(period)
        .append("): ")
        .append(verdict)
        .append('\n');
    stage(
        0,
        verdict == Verdict.SPECIAL
            ? "a canary name, answered NXDOMAIN for every profile so that browsers and devices keep"
                + " using this filter instead of bypassing it"
            : "not a canary name");
    stage(1, lockedText());
    stage(ENTRIES, entriesText(denyEntry, allowEntry));
    stage(ALLOWANCES, allowanceText(allowance, allowed, forName));
    stage(4, categoryText());
    stage(
        5,
        safeTarget == null
            ? "no rewrite for this name"
            : "A, AAAA, HTTPS, SVCB and CNAME queries are answered with a CNAME to "
                + text(safeTarget)
                + " (other types pass through)");
    if (verdict == Verdict.ALLOWED
        || verdict == Verdict.SAFESEARCH
        || verdict == Verdict.ALLOWED_BY_ENTRY
        || verdict == Verdict.ALLOWED_BY_ALLOWANCE) {
      out.append(
          "The name is not resolved here: when it is, the CNAME and DNAME targets in its answer are"
              + " checked against the locked and category lists too.");
    } else {
      out.setLength(out.length() - 1); // no trailing newline
    }
    return out.toString();
  }

  private void stage(int index, String finding) {
    int deciding = stageOf(verdict);
    String status;
    if (index < deciding) {
      status = "passed on";
    } else if (index == deciding) {
      status = "DECIDES";
    } else {
      status = "not reached";
    }
    out.append(index + 1)
        .append(". ")
        .append(STAGES[index])
        .append(" (")
        .append(status)
        .append("): ")
        .append(finding)
        .append('\n');
  }

  private String lockedText() {
    List<String> listed = new ArrayList<>();
    for (CategoryMatch match : matches) {
      if (match.locked()) {
        listed.add(match.category() + " (listed as " + text(match.listedAs()) + ")");
      }
    }
    if (listed.isEmpty()) {
      return "not listed";
    }
    return "on the locked list "
        + String.join(", ", listed)
        + ": blocked for every profile; no allowance can override it";
  }

  private String entriesText(Name denyEntry, Name allowEntry) {
    String of = " of profile " + profile;
    if (denyEntry != null) {
      String entry = "the deny entry " + text(denyEntry) + of + " covers the name";
      return verdict == Verdict.DENIED_BY_ENTRY
          ? entry
              + ": blocked ("
              + Decision.PROFILE_DENY
              + ") whatever the categories or any allowance say"
          : entry + ", but the stage above decides first";
    }
    if (allowEntry != null) {
      String entry = "the allow entry " + text(allowEntry) + of + " covers the name";
      return stageOf(verdict) < ENTRIES
          ? entry + ", but no entry overrides the stage above"
          : entry + ": the profile's categories are waived for it (SafeSearch still applies)";
    }
    return "no allow or deny entry" + of + " covers the name";
  }

  private String allowanceText(Allowance allowance, boolean allowed, List<Allowance> forName) {
    if (allowance != null && stageOf(verdict) < ENTRIES) {
      return summary(allowance) + " covers the name, but no allowance overrides the stage above";
    }
    if (allowance != null && verdict == Verdict.DENIED_BY_ENTRY) {
      return summary(allowance)
          + " covers the name, but no allowance overrides the profile's deny entry";
    }
    if (allowance != null && allowed) {
      return summary(allowance)
          + " lets the name through: the categories do not apply to it (SafeSearch still does)";
    }
    if (allowance != null) {
      return summary(allowance)
          + " covers the name, but the allowance set refuses it: its locked-list check matched";
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "no allowance covers this name for this profile"
            + (forDevice ? " and device" : " (device allowances not considered)")
            + " now");
    for (Allowance other : forName) {
      notes.add(summary(other) + " " + whyNot(other));
    }
    return String.join("; ", notes);
  }

  private String whyNot(Allowance allowance) {
    if (at.isBefore(allowance.start())) {
      return "starts at " + allowance.start();
    }
    if (allowance.expiredAt(at)) {
      return "expired at " + allowance.expiry();
    }
    AllowanceScope scope = allowance.scope();
    return "is for " + scope.kind() + " " + scope.value();
  }

  private static String summary(Allowance allowance) {
    AllowanceScope scope = allowance.scope();
    return "allowance "
        + allowance.id()
        + " ("
        + text(allowance.domain())
        + " for "
        + (scope.value() == null ? "the whole classroom" : scope.kind() + " " + scope.value())
        + " until "
        + allowance.expiry()
        + ")";
  }

  private String categoryText() {
    List<String> listed = new ArrayList<>();
    List<String> blocking = new ArrayList<>();
    for (CategoryMatch match : matches) {
      if (match.locked()) {
        continue;
      }
      listed.add(
          match.category()
              + " (listed as "
              + text(match.listedAs())
              + "): "
              + (match.blocks() ? "blocked" : "not blocked")
              + " in "
              + period);
      if (match.blocks()) {
        blocking.add(match.category());
      }
    }
    if (listed.isEmpty()) {
      return "not listed in any category";
    }
    String found = String.join("; ", listed);
    if (verdict == Verdict.BLOCKED) {
      return found + " -> blocked for " + String.join(", ", blocking);
    }
    if (!blocking.isEmpty() && stageOf(verdict) > ALLOWANCES) {
      return found + " -> waived by the allow entry or allowance above";
    }
    return found;
  }

  /** Presentation form without the trailing dot, as people write names. */
  private static String text(Name name) {
    String text = name.toString();
    return text.length() > 1 ? text.substring(0, text.length() - 1) : text;
  }
}
