package org.classgate.filter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Enforces SafeSearch and YouTube Restricted Mode: for a profile whose rules rewrite the question's
 * name, the client gets a CNAME from the name as asked to the safe name (e.g. {@code
 * www.google.co.uk → forcesafesearch.google.com}), followed by the safe name's records, which this
 * stage fetches by sending a query for the safe name down the rest of the chain (cache, upstream).
 * The outcome is {@link Outcome#SAFESEARCH}. Every other query is passed on untouched.
 *
 * <p>Which query types are rewritten:
 *
 * <ul>
 *   <li>A, AAAA: CNAME + the safe name's addresses.
 *   <li>HTTPS (65) and SVCB (64): rewritten the same way, CNAME + the safe name's own HTTPS/SVCB
 *       records (usually none: NODATA). Passing the real name's record through would hand the
 *       browser {@code ipv4hint}/{@code ipv6hint} addresses of the unrestricted front ends (RFC
 *       9460 §7.3), which a browser may connect to. Rewriting rather than answering NODATA keeps
 *       every address-bearing answer for the name consistent with the CNAME, exactly as if the zone
 *       held it (a CNAME owner has no other data, RFC 1034 §3.6.2), and still lets the browser use
 *       whatever the safe endpoint itself publishes (HTTP/3, ECH) for the safe endpoint.
 *   <li>CNAME: the CNAME alone; nothing is resolved (RFC 1034 §4.3.2 step 3a).
 *   <li>Any other type (TXT, MX …) carries no endpoint a browser connects to and passes through.
 * </ul>
 *
 * <p>Failure never yields the unsafe answer: if the safe name cannot be resolved (an exception, an
 * upstream SERVFAIL or REFUSED, a malformed or mismatched answer) the client gets SERVFAIL with
 * outcome {@link Outcome#SERVFAIL}. NXDOMAIN for the safe name is passed on behind the CNAME (RFC
 * 6604 §3). A rule function that throws, or a query without a profile, makes this stage throw,
 * which the dispatcher answers with SERVFAIL.
 *
 * <p>Position in the chain: after the policy stages (a profile that blocks a name gets the block,
 * not the rewrite) and before the cache, which is shared by all profiles: the rewrite depends on
 * the profile, so it must be decided before anything profile-blind can answer. The cache then holds
 * only the safe name's answer, shared by every profile that is rewritten.
 *
 * <p>Thread-safe if the rule function is; the stage keeps no state. Completions run on the thread
 * that completes the target's future (the upstream I/O thread) and only parse and serialise.
 */
public final class SafeSearch implements DnsStage {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /**
   * TTL of the CNAME we synthesise, before it is lowered to the target's TTLs: five minutes. It
   * bounds how long a device keeps the rewrite after SafeSearch is switched off for its profile,
   * and how often each device asks again for a search engine while it is on — short enough for a
   * teacher's change to reach the classroom within minutes, long enough that a busy classroom does
   * not multiply its search-engine queries.
   */
  public static final long CNAME_TTL_SECONDS = 300;

  private final Function<Profile, SafeSearchRules> rulesFor;

  /**
   * @param rules the rules applied to profiles with SafeSearch on; non-null
   * @param enforcedFor true for the profiles SafeSearch is enforced for; non-null, thread-safe
   */
  public SafeSearch(SafeSearchRules rules, Predicate<Profile> enforcedFor) {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(enforcedFor, "enforcedFor");
    this.rulesFor = profile -> enforcedFor.test(profile) ? rules : SafeSearchRules.NONE;
  }

  /**
   * For per-profile rules (e.g. YouTube strict for one profile, moderate for another).
   *
   * @param rulesFor the rules of a profile, {@link SafeSearchRules#NONE} for a profile without
   *     SafeSearch; never returns null; non-null, thread-safe, cheap (called once per A, AAAA,
   *     CNAME, HTTPS or SVCB query)
   */
  public SafeSearch(Function<Profile, SafeSearchRules> rulesFor) {
    this.rulesFor = Objects.requireNonNull(rulesFor, "rulesFor");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    Question question = query.question();
    if (question.dnsClass() != RecordType.CLASS_IN || !isRewritable(question.type())) {
      return next.resolve(query);
    }
    Profile profile = query.profile();
    if (profile == null) {
      throw new IllegalStateException("SafeSearch needs the identity stage to run first");
    }
    SafeSearchRules rules =
        Objects.requireNonNull(rulesFor.apply(profile), "the SafeSearch rule function gave null");
    Name target = rules.targetFor(question.name());
    if (target == null) {
      return next.resolve(query);
    }
    Message client = query.message();
    if (question.type() == RecordType.CNAME) {
      return CompletableFuture.completedFuture(cnameOnly(client, target));
    }
    DnsQuery targetQuery = targetQuery(query, target);
    CompletableFuture<Answer> resolved;
    try {
      resolved = next.resolve(targetQuery);
      if (resolved == null) {
        resolved = CompletableFuture.failedFuture(new IllegalStateException("no future"));
      }
    } catch (RuntimeException e) {
      resolved = CompletableFuture.failedFuture(e);
    }
    return resolved.handle((answer, failure) -> rewrite(client, target, answer, failure));
  }

  private static boolean isRewritable(int type) {
    return type == RecordType.A
        || type == RecordType.AAAA
        || type == RecordType.CNAME
        || type == RecordType.HTTPS
        || type == RecordType.SVCB;
  }

  /** The same client, transport and arrival time, asking for the target with the same shape. */
  private static DnsQuery targetQuery(DnsQuery query, Name target) {
    Message message = SafeSearchAnswers.targetQuery(query.message(), target);
    byte[] raw;
    try {
      raw = message.toWire();
    } catch (WireFormatException e) {
      // A question plus an OPT record copied from a query that fitted: it always fits.
      throw new IllegalStateException("cannot serialise the SafeSearch target query", e);
    }
    DnsQuery targetQuery =
        new DnsQuery(raw, query.client(), query.transport(), query.receivedNanos());
    targetQuery.parsed(message);
    targetQuery.identified(query.profile());
    return targetQuery;
  }

  private static Answer cnameOnly(Message client, Name target) {
    try {
      return Answer.of(
          SafeSearchAnswers.cnameOnly(client, target, CNAME_TTL_SECONDS), Outcome.SAFESEARCH);
    } catch (WireFormatException e) {
      throw new IllegalStateException("cannot serialise a SafeSearch CNAME answer", e);
    }
  }

  private static Answer rewrite(Message client, Name target, Answer answer, Throwable failure) {
    if (failure != null) {
      LOG.debug("resolving {} for {} failed: {}", target, client.question(), failure.toString());
      return servfail(client);
    }
    if (answer == null || answer.wire() == null || answer.outcome() == Outcome.SERVFAIL) {
      LOG.debug("no usable answer for {} (SafeSearch for {})", target, client.question());
      return servfail(client);
    }
    try {
      byte[] wire = SafeSearchAnswers.rewritten(client, target, answer.wire(), CNAME_TTL_SECONDS);
      if (wire == null) {
        LOG.debug("unusable answer for {} (SafeSearch for {})", target, client.question());
        return servfail(client);
      }
      return Answer.of(wire, Outcome.SAFESEARCH);
    } catch (WireFormatException | RuntimeException e) {
      LOG.debug("cannot build the SafeSearch answer for {}: {}", client.question(), e.toString());
      return servfail(client);
    }
  }

  private static Answer servfail(Message client) {
    return Answer.of(Responses.error(client, Rcode.SERVFAIL), Outcome.SERVFAIL);
  }
}
