package org.classgate.filter.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in checks, modelled on the checks UK schools run for the DfE filtering standard
 * (SWGfL's TestFiltering: the IWF and CTIRU lists, an adult site, profanity), plus the ones a DNS
 * filter adds: gambling, SafeSearch and the encrypted-DNS bypass canaries.
 *
 * <p>The IWF and CTIRU test names are not public: their test pages are entries of the lists
 * themselves, given to licensees with the list, so the school configures them. A DNS filter decides
 * by name and never sees a page's words, so the profanity check probes whatever site the school
 * names for it. Those three are reported as not configured until given a name.
 */
public final class SelfTestChecks {
  private SelfTestChecks() {}

  /** The built-in checks with their default names, in the order staff see them. */
  public static List<SelfTestCheck> builtIn() {
    return List.of(
        new SelfTestCheck(
            "iwf", "IWF child sexual abuse list test name", null, Expectation.LOCKED, false),
        new SelfTestCheck(
            "ctiru", "CTIRU terrorist content list test name", null, Expectation.LOCKED, false),
        new SelfTestCheck("adult", "Adult site", "pornhub.com", Expectation.BLOCKED, false),
        new SelfTestCheck("profanity", "Profanity", null, Expectation.BLOCKED, true),
        new SelfTestCheck("gambling", "Gambling site", "bet365.com", Expectation.BLOCKED, true),
        new SelfTestCheck(
            "safesearch-google",
            "Google SafeSearch rewrite",
            "www.google.com",
            Expectation.SAFESEARCH,
            true),
        new SelfTestCheck(
            "safesearch-youtube",
            "YouTube restricted mode rewrite",
            "www.youtube.com",
            Expectation.SAFESEARCH,
            true),
        new SelfTestCheck(
            "doh-canary",
            "Firefox DNS-over-HTTPS canary",
            "use-application-dns.net",
            Expectation.CANARY,
            false),
        new SelfTestCheck(
            "private-relay",
            "iCloud Private Relay canary",
            "mask.icloud.com",
            Expectation.CANARY,
            false),
        new SelfTestCheck(
            "doh-resolver", "DNS-over-HTTPS resolver", "dns.google", Expectation.BLOCKED, true));
  }

  /** The ids of the built-in checks. */
  public static List<String> ids() {
    return builtIn().stream().map(SelfTestCheck::id).toList();
  }

  /**
   * The built-in checks with names replaced by {@code names} (check id → name; an empty name turns
   * the check off: reported as not configured).
   *
   * @throws IllegalArgumentException naming an id that is not a built-in check
   */
  public static List<SelfTestCheck> withNames(Map<String, String> names) {
    for (String id : names.keySet()) {
      if (!ids().contains(id)) {
        throw new IllegalArgumentException(
            "no self-test check '" + id + "'; the checks are " + String.join(", ", ids()));
      }
    }
    List<SelfTestCheck> checks = new ArrayList<>();
    for (SelfTestCheck check : builtIn()) {
      if (names.containsKey(check.id())) {
        String name = names.get(check.id()).strip();
        checks.add(check.probing(name.isEmpty() ? null : name));
      } else {
        checks.add(check);
      }
    }
    return List.copyOf(checks);
  }
}
