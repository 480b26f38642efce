package org.classgate.filter.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.Decision;
import org.classgate.filter.PolicyExplainer;
import org.classgate.health.Problem;
import org.classgate.health.Severity;
import org.classgate.store.StoreException;
import org.classgate.time.TrustedTime;
import org.tinylog.TaggedLogger;

/**
 * The filtering self-test: asks the box's own decision function ({@link PolicyExplainer}, the path
 * {@code classgate policy explain} uses, which follows the DNS chain's order) about each check's
 * name for each profile, compares the decision with the check's expectation and records the run
 * with trusted time and who ran it — the dated evidence the DfE filtering standard asks schools to
 * keep for their annual review.
 *
 * <p>It probes decisions, not the network: no query leaves the box, so a test name on the IWF list
 * is never fetched. The latest run's failures are a health problem until a run passes: a fault when
 * a locked list did not block its test name (illegal content reachable), a warning otherwise.
 * Thread-safe: runs are serialised.
 */
public final class FilteringSelfTest {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final List<SelfTestCheck> checks;
  private final List<String> profiles;
  private final Set<String> pupilProfiles;
  private final Function<String, PolicyExplainer> explainers;
  private final TrustedTime time;
  private final SelfTestStore store;

  /** The newest run, stored or loaded; null before the first. */
  private volatile SelfTestRun latest;

  /**
   * @param checks the checks, in the order staff see them
   * @param profiles every configured profile, in the order staff see them
   * @param pupilProfiles the profiles pupils' devices use, where {@link SelfTestCheck#pupilsOnly()}
   *     checks apply
   * @param explainers a fresh explainer of the current policy for a profile name
   * @param time stamps each run
   * @param store keeps the runs
   */
  public FilteringSelfTest(
      List<SelfTestCheck> checks,
      List<String> profiles,
      Set<String> pupilProfiles,
      Function<String, PolicyExplainer> explainers,
      TrustedTime time,
      SelfTestStore store) {
    this.checks = List.copyOf(checks);
    this.profiles = List.copyOf(profiles);
    this.pupilProfiles = Set.copyOf(pupilProfiles);
    this.explainers = Objects.requireNonNull(explainers, "explainers");
    this.time = Objects.requireNonNull(time, "time");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Loads the newest stored run, so its failures are a problem from the start. */
  public FilteringSelfTest loadLatest() throws StoreException {
    latest = store.latest().orElse(null);
    return this;
  }

  /**
   * Runs every check for every profile now and records the run.
   *
   * @param by who runs it (the console user), non-null
   */
  public synchronized SelfTestRun run(String by) throws StoreException {
    List<SelfTestResult> results = new ArrayList<>();
    for (SelfTestCheck check : checks) {
      for (String profile : profiles) {
        results.add(probe(check, profile));
      }
    }
    SelfTestRun run = store.record(time.now(), by, results);
    latest = run;
    if (run.passed()) {
      LOG.info("filtering self-test run {} by {}: passed", run.id(), by);
    } else {
      LOG.warn(
          "filtering self-test run {} by {}: {} checks failed",
          run.id(),
          by,
          run.failures().size());
    }
    return run;
  }

  private SelfTestResult probe(SelfTestCheck check, String profile) {
    if (check.name() == null) {
      return new SelfTestResult(
          check.id(),
          check.title(),
          profile,
          null,
          null,
          null,
          SelfTestResult.Outcome.NOT_CONFIGURED,
          "no name configured: set console.self-test." + check.id());
    }
    boolean applies = !check.pupilsOnly() || pupilProfiles.contains(profile);
    Expectation expected = applies ? check.expected() : null;
    Name name;
    try {
      name = Name.of(check.name());
    } catch (WireFormatException | RuntimeException e) {
      return new SelfTestResult(
          check.id(),
          check.title(),
          profile,
          check.name(),
          expected,
          null,
          applies ? SelfTestResult.Outcome.FAILED : SelfTestResult.Outcome.INFORMATION,
          "'" + check.name() + "' is not a DNS name");
    }
    Decision decision = explainers.apply(profile).explain(name);
    SelfTestResult.Outcome outcome;
    if (!applies) {
      outcome = SelfTestResult.Outcome.INFORMATION;
    } else if (check.expected().metBy(decision.verdict())) {
      outcome = SelfTestResult.Outcome.PASSED;
    } else {
      outcome = SelfTestResult.Outcome.FAILED;
    }
    return new SelfTestResult(
        check.id(),
        check.title(),
        profile,
        check.name(),
        expected,
        decision.verdict().name(),
        outcome,
        summary(decision));
  }

  /** One line: the verdict and what decided it. */
  private static String summary(Decision decision) {
    StringBuilder out = new StringBuilder();
    out.append(
        switch (decision.verdict()) {
          case SPECIAL -> "answered as a canary name";
          case LOCKED -> "blocked by a locked list";
          case DENIED_BY_ENTRY -> "blocked by the profile's deny entry " + decision.profileEntry();
          case ALLOWED_BY_ENTRY ->
              "allowed by the profile's allow entry " + decision.profileEntry();
          case ALLOWED_BY_ALLOWANCE -> "allowed by an unblock: " + decision.allowance();
          case BLOCKED -> "blocked";
          case SAFESEARCH -> "rewritten to " + decision.safeSearchTarget();
          case ALLOWED -> "allowed: no list the profile blocks has it";
        });
    List<String> categories = new ArrayList<>();
    for (Decision.CategoryMatch match : decision.categories()) {
      categories.add(match.category() + (match.blocks() ? "" : " (not blocked now)"));
    }
    if (!categories.isEmpty()) {
      out.append("; listed in ").append(String.join(", ", categories));
    }
    return out.toString();
  }

  /** The newest run, if there has been one. */
  public Optional<SelfTestRun> latest() {
    return Optional.ofNullable(latest);
  }

  /** The runs the store keeps, newest first, at most {@code limit}. */
  public List<SelfTestRun> history(int limit) throws StoreException {
    return store.recent(limit);
  }

  /**
   * The health problems of the newest run: one per failed result; none when it passed or before any
   * run. Never blocks.
   */
  public List<Problem> problems() {
    SelfTestRun run = latest;
    if (run == null) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    for (SelfTestResult failure : run.failures()) {
      Severity severity =
          failure.expected() == Expectation.LOCKED ? Severity.FAULT : Severity.WARNING;
      problems.add(
          new Problem(
              "self-test",
              severity,
              "the filtering self-test of "
                  + run.stamp().wallTime()
                  + " found "
                  + failure.name()
                  + " not "
                  + failure.expected().words()
                  + " for profile "
                  + failure.profile()
                  + " ("
                  + failure.detail()
                  + ")"));
    }
    return problems;
  }
}
