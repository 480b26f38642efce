package org.classgate.dns.pipeline;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.WireFormatException;

/**
 * Names answered locally whatever the profile: canaries that tell browsers and operating systems
 * this network filters, so they keep using our resolver instead of bypassing it.
 */
public final class SpecialNames implements DnsStage {
  /**
   * NXDOMAIN for each of these switches off a bypass:
   *
   * <ul>
   *   <li>use-application-dns.net — Firefox turns off DNS-over-HTTPS by default (Mozilla's canary
   *       domain).
   *   <li>mask.icloud.com, mask-h2.icloud.com — Apple devices turn off iCloud Private Relay, which
   *       would tunnel around the filter.
   * </ul>
   */
  private static final Set<Name> CANARIES =
      Set.of(name("use-application-dns.net"), name("mask.icloud.com"), name("mask-h2.icloud.com"));

  /**
   * The canary names this stage answers with NXDOMAIN for every profile, matched exactly (not their
   * subdomains), case-insensitively; for explaining decisions. Immutable.
   */
  public static Set<Name> canaries() {
    return CANARIES;
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    if (CANARIES.contains(query.question().name())) {
      return CompletableFuture.completedFuture(
          Answer.of(Responses.error(query.message(), Rcode.NXDOMAIN), Outcome.SPECIAL));
    }
    return next.resolve(query);
  }

  private static Name name(String text) {
    try {
      return Name.of(text);
    } catch (WireFormatException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
