package org.classgate.filter.allowance;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may approve which allowance. Immutable.
 *
 * <p>The policy: requests "will be considered by the Online Safety Officer and Headteacher", and
 * filtering changes need "a system of checks and balances … to protect those responsible". So:
 *
 * <ol>
 *   <li>the Online Safety Officer or the Headteacher approves any request up to {@link
 *       #longestAllowance};
 *   <li>the <em>fast path</em>: a teacher may approve their own request, and nobody else's, when it
 *       lasts at most {@link #teacherFastPath} and none of its categories is high-risk — the lesson
 *       cannot wait for a meeting, and an hour of a low-risk site is a small, logged exposure;
 *   <li>if {@link #highRiskNeedsSecondPerson}, a high-risk allowance needs an approver other than
 *       its requester even when the requester is senior, so no one person alone opens a high-risk
 *       category.
 * </ol>
 *
 * @param highRiskCategories category names that are high-risk; copied into a sorted unmodifiable
 *     set
 * @param teacherFastPath the longest allowance a teacher may approve for themselves; zero turns the
 *     fast path off
 * @param longestAllowance the longest allowance anyone may approve
 * @param highRiskNeedsSecondPerson rule 3 above
 */
public record ApprovalRules(
    Set<String> highRiskCategories,
    Duration teacherFastPath,
    Duration longestAllowance,
    boolean highRiskNeedsSecondPerson) {

  /**
   * The default high-risk categories. From the taxonomy (illegal-content, pornography,
   * discrimination-and-hate, extremism, self-harm, violence-and-weapons, drugs,
   * malware-and-hacking, circumvention, dating, gambling) all are high-risk except two:
   *
   * <ul>
   *   <li>illegal-content: locked anyway (never allowed); listed so that a misconfigured lock still
   *       cannot be bypassed on the fast path.
   *   <li>pornography, self-harm, violence-and-weapons: direct harm to the children who see it.
   *   <li>extremism: the Prevent duty; the policy asks that filtering "ensure that children are
   *       safe from terrorist and extremist material".
   *   <li>dating and gambling: age-restricted adult services, and dating sites are a route for
   *       contact by strangers (the policy's "inappropriate on-line contact with adults").
   *   <li>malware-and-hacking: threatens the school's systems, which the policy says must be
   *       protected "from accidental or malicious attempts".
   *   <li>circumvention: proxies and VPNs; allowing one unblocks every category at once, which the
   *       policy treats as switching the filtering off ("agreed by the Headteacher").
   *   <li><em>Not</em> high-risk: discrimination-and-hate and drugs. The policy itself names them
   *       ("students may need to research topics (eg racism, drugs, discrimination)") as what
   *       teachers legitimately need unblocked for a period of study, so a teacher may open them
   *       for one lesson, with the reason logged for the Online Safety Group's review.
   * </ul>
   *
   * A school that names its lists differently (say {@code adult} for pornography) must add those
   * names: a category not in this set counts as low-risk.
   */
  public static final Set<String> DEFAULT_HIGH_RISK =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(
              Set.of(
                  "illegal-content",
                  "pornography",
                  "extremism",
                  "self-harm",
                  "violence-and-weapons",
                  "malware-and-hacking",
                  "circumvention",
                  "dating",
                  "gambling")));

  /** One lesson: the default fast-path limit. */
  public static final Duration DEFAULT_TEACHER_FAST_PATH = Duration.ofMinutes(60);

  /** About one school term (13 weeks): a period of study, and a bound on typing errors. */
  public static final Duration DEFAULT_LONGEST_ALLOWANCE = Duration.ofDays(92);

  public ApprovalRules {
    Objects.requireNonNull(highRiskCategories, "highRiskCategories");
    highRiskCategories = Collections.unmodifiableSortedSet(new TreeSet<>(highRiskCategories));
    Objects.requireNonNull(teacherFastPath, "teacherFastPath");
    Objects.requireNonNull(longestAllowance, "longestAllowance");
    if (teacherFastPath.isNegative()) {
      throw new IllegalArgumentException(
          "the teacher fast path is " + teacherFastPath + "; use zero to turn it off");
    }
    if (longestAllowance.isNegative() || longestAllowance.isZero()) {
      throw new IllegalArgumentException(
          "the longest allowance must be positive, got " + longestAllowance);
    }
    if (teacherFastPath.compareTo(longestAllowance) > 0) {
      throw new IllegalArgumentException(
          "the teacher fast path ("
              + teacherFastPath
              + ") is longer than the longest allowance ("
              + longestAllowance
              + ")");
    }
  }

  /** The defaults described above. */
  public static ApprovalRules defaults() {
    return new ApprovalRules(
        DEFAULT_HIGH_RISK, DEFAULT_TEACHER_FAST_PATH, DEFAULT_LONGEST_ALLOWANCE, true);
  }

  /** {@link RiskLevel#HIGH} if any of {@code categories} is high-risk, else LOW. */
  public RiskLevel riskOf(Set<String> categories) {
    for (String category : categories) {
      if (highRiskCategories.contains(category)) {
        return RiskLevel.HIGH;
      }
    }
    return RiskLevel.LOW;
  }
}
