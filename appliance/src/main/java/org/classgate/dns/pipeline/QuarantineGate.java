package org.classgate.dns.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;

/**
 * Answers devices that must not use the network yet (profile {@link ClientProfiles#QUARANTINE})
 * like a captive portal: every A and AAAA query gets the box's "waiting for a teacher" page
 * address, every other type an empty NOERROR answer, and nothing is asked upstream. The firewall
 * lets such a device reach only the box, so a browser or an operating system's captive-portal probe
 * (captive.apple.com, connectivitycheck.gstatic.com …) lands on that page. The box's own names, and
 * names below them, pass on to the rest of the chain, which filters them with the quarantine
 * profile (every category blocked).
 *
 * <p>Other types get NODATA rather than NXDOMAIN: NXDOMAIN denies the name for every type (RFC
 * 8020), so a client asking for HTTPS/SVCB records in parallel with A could give up on the name
 * altogether. The answers carry no SOA, so resolvers do not cache them negatively (RFC 2308 §5),
 * and their TTL is short (zero by default: RFC 1035 §3.2.1, use for this transaction only), so a
 * device that a teacher approves resolves real addresses at its next lookup.
 *
 * <p>Immutable and thread-safe; allocates only the answer.
 */
public final class QuarantineGate implements DnsStage {
  private final BlockAnswer waitingPage;
  private final Name[] boxNames;

  /**
   * @param waitingPage the waiting page's IPv4 and IPv6 addresses and the answers' TTL; its mode
   *     must be {@link BlockAnswer.Mode#ADDRESS}
   * @param boxNames the box's own names, answered normally; may be empty
   */
  public QuarantineGate(BlockAnswer waitingPage, List<Name> boxNames) {
    this.waitingPage = Objects.requireNonNull(waitingPage, "waitingPage");
    if (waitingPage.mode() != BlockAnswer.Mode.ADDRESS) {
      throw new IllegalArgumentException("the waiting page needs addresses, not NXDOMAIN");
    }
    this.boxNames = boxNames.toArray(Name[]::new);
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    if (query.profile() != ClientProfiles.QUARANTINE) {
      return next.resolve(query);
    }
    Name name = query.question().name();
    for (Name boxName : boxNames) {
      if (name.isSubdomainOf(boxName)) {
        return next.resolve(query);
      }
    }
    int type = query.question().type();
    boolean address =
        (type == RecordType.A || type == RecordType.AAAA)
            && query.question().dnsClass() == RecordType.CLASS_IN;
    byte[] wire =
        address
            ? Responses.blocked(query.message(), waitingPage)
            : Responses.error(query.message(), Rcode.NOERROR);
    return CompletableFuture.completedFuture(Answer.of(wire, Outcome.QUARANTINED));
  }
}
