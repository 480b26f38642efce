package org.classgate.filter.allowance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.AllowanceRefused.Kind;

/**
 * Decides whether a request for an allowance is approved, by the {@link ApprovalRules} and the
 * locked lists. Makes no changes itself: an {@link AllowanceStore} records what this approves.
 *
 * <p>Thread-safe (stateless apart from its immutable rules and the clock).
 */
public final class Allowances {
  private final ApprovalRules rules;
  private final Clock clock;
  private final DenyEntries denyEntries;

  /**
   * Approvals that consult no profile deny entries.
   *
   * @param rules the approval rules; non-null
   * @param clock the time of approval and of "now"; non-null
   */
  public Allowances(ApprovalRules rules, Clock clock) {
    this(rules, clock, DenyEntries.NONE);
  }

  /**
   * @param rules the approval rules; non-null
   * @param clock the time of approval and of "now"; non-null
   * @param denyEntries the profiles' deny entries: a request for a name one of them covers is
   *     refused ({@link AllowanceRefused.Kind#DENIED_BY_PROFILE}); non-null
   */
  public Allowances(ApprovalRules rules, Clock clock, DenyEntries denyEntries) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.denyEntries = Objects.requireNonNull(denyEntries, "denyEntries");
  }

  public ApprovalRules rules() {
    return rules;
  }

  /** The clock approvals are timed by; stores use it too, so one clock times every record. */
  public Clock clock() {
    return clock;
  }

  /**
   * Approves {@code request} on behalf of {@code approver}, or says why not.
   *
   * <p>Checked in this order, so the most fundamental refusal is the one reported: locked content
   * (nobody may allow it), a profile's deny entry (changed only by editing the profile), timing,
   * then who may approve what.
   *
   * @param isLocked answers whether a name is on a locked (illegal-content) list, with subdomain
   *     semantics; if it throws, the request is refused (nothing is allowed that cannot be shown
   *     not to be locked)
   * @return the approval, with a start in the past moved up to now
   * @throws AllowanceRefused with the reason and its {@link AllowanceRefused.Kind}
   */
  public Approval approve(AllowanceRequest request, Person approver, Predicate<Name> isLocked)
      throws AllowanceRefused {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(isLocked, "isLocked");
    refuseLocked(request.domain(), isLocked);
    String denial = denyEntries.denial(request.scope(), request.domain());
    if (denial != null) {
      throw new AllowanceRefused(
          Kind.DENIED_BY_PROFILE,
          request.domain()
              + " is blocked by "
              + denial
              + ", which a temporary allowance cannot override: to unblock it, edit the profile's"
              + " deny entries in the configuration (the change is logged)");
    }

    Instant now = clock.instant();
    if (!request.expiry().isAfter(now)) {
      throw new AllowanceRefused(
          Kind.ALREADY_EXPIRED,
          "the allowance for "
              + request.domain()
              + " would end at "
              + request.expiry()
              + ", which is not after now ("
              + now
              + ")");
    }
    // An allowance cannot act in the past; recording a past start would misstate when it began.
    AllowanceRequest effective = request.start().isBefore(now) ? request.withStart(now) : request;
    Duration duration = Duration.between(effective.start(), effective.expiry());
    if (duration.compareTo(rules.longestAllowance()) > 0) {
      throw new AllowanceRefused(
          Kind.TOO_LONG,
          "an allowance lasts at most "
              + describe(rules.longestAllowance())
              + "; this one lasts "
              + describe(duration));
    }

    RiskLevel risk = rules.riskOf(effective.categories());
    boolean ownRequest = approver.id().equals(effective.requestedBy().id());
    if (approver.role().approvesRequests()) {
      if (risk == RiskLevel.HIGH && ownRequest && rules.highRiskNeedsSecondPerson()) {
        throw new AllowanceRefused(
            Kind.SECOND_PERSON_NEEDED,
            "this allowance unblocks high-risk categories "
                + highRisk(effective)
                + ": it needs approval by someone other than the person who asked for it");
      }
      return new Approval(effective, approver, now, risk);
    }
    return fastPath(effective, approver, ownRequest, duration, risk, now);
  }

  private Approval fastPath(
      AllowanceRequest request,
      Person approver,
      boolean ownRequest,
      Duration duration,
      RiskLevel risk,
      Instant now)
      throws AllowanceRefused {
    if (!ownRequest) {
      throw new AllowanceRefused(
          Kind.NOT_OWN_REQUEST,
          approver
              + " may approve only their own requests; "
              + request.requestedBy()
              + "'s request needs the Online Safety Officer or the"
              + " Headteacher");
    }
    if (risk == RiskLevel.HIGH) {
      throw new AllowanceRefused(
          Kind.FAST_PATH_HIGH_RISK,
          "this allowance unblocks high-risk categories "
              + highRisk(request)
              + ": the Online Safety Officer or the Headteacher must approve it");
    }
    if (duration.compareTo(rules.teacherFastPath()) > 0) {
      throw new AllowanceRefused(
          Kind.FAST_PATH_TOO_LONG,
          "a teacher may approve their own allowance for at most "
              + describe(rules.teacherFastPath())
              + "; this one lasts "
              + describe(duration)
              + ": shorten it or ask the Online Safety Officer or the Headteacher");
    }
    return new Approval(request, approver, now, risk);
  }

  private static void refuseLocked(Name domain, Predicate<Name> isLocked) throws AllowanceRefused {
    boolean locked;
    try {
      locked = isLocked.test(domain);
    } catch (RuntimeException e) {
      throw new AllowanceRefused(
          Kind.LOCK_CHECK_FAILED,
          "cannot check " + domain + " against the locked lists (" + e + "); nothing was allowed",
          e);
    }
    if (locked) {
      throw new AllowanceRefused(
          Kind.LOCKED,
          domain + " is on a locked list (illegal content): it cannot be allowed by anyone");
    }
  }

  private String highRisk(AllowanceRequest request) {
    return request.categories().stream()
        .filter(rules.highRiskCategories()::contains)
        .toList()
        .toString();
  }

  /** "61 minutes", "92 days", "2 days 3 hours": for people, not parsers. */
  static String describe(Duration duration) {
    if (duration.compareTo(Duration.ofMinutes(120)) < 0) {
      long seconds = duration.toSecondsPart();
      return plural(duration.toMinutes(), "minute") + (seconds == 0 ? "" : " " + seconds + " s");
    }
    String text = "";
    if (duration.toDays() > 0) {
      text = plural(duration.toDays(), "day");
    }
    if (duration.toHoursPart() > 0) {
      text += (text.isEmpty() ? "" : " ") + plural(duration.toHoursPart(), "hour");
    }
    if (duration.toMinutesPart() > 0) {
      text += " " + plural(duration.toMinutesPart(), "minute");
    }
    return text;
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
