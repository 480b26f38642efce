package org.classgate.filter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Stops CNAME cloaking: a name that is on no list but is an alias of a listed one ({@code
 * innocent.example CNAME tracker.casino.example}) would otherwise lead the client to the listed
 * name, because {@link LockedLists} and {@link CategoryPolicy} only see the question. This stage
 * passes the query on and checks the answer that comes back: if the target of a CNAME or DNAME in
 * its answer section (or the question as a DNAME rewrites it) is on a locked list the client gets
 * the block answer with outcome {@link Outcome#LOCKED}, whatever its profile; otherwise if it is in
 * a category the client's profile blocks, the block answer with {@link Outcome#BLOCKED}. The
 * answer's categories are the matched mask (the locked lists' bits for LOCKED, the profile's
 * blocked bits for BLOCKED). Every other answer is returned unchanged. See {@link AliasTargets} for
 * exactly which names are checked and what that costs.
 *
 * <p>Position in the chain: right after {@link CategoryPolicy}. Below it, because a question the
 * policy blocks is never resolved, so there is nothing to check. Above SafeSearch and the cache,
 * because the cache is shared by every profile and answers regardless of profile: the check must
 * run for every answer a client gets, cache hits and SafeSearch rewrites included, with that
 * client's profile. A separate stage rather than part of {@link CategoryPolicy}, because it works
 * on the answer rather than the question, needs the locked lists as well, and leaves the policy a
 * plain pre-check with nothing to do on the way back.
 *
 * <p>Fails closed: an answer whose header, question, answer record headers or CNAME/DNAME RDATA is
 * malformed, a missing answer, a list supplier that gives null, or a query without a profile makes
 * the returned future fail (or this method throw), which the dispatcher answers with SERVFAIL. An
 * answer without wire bytes (nothing is sent) is returned unchanged.
 *
 * <p>Thread-safe if the suppliers are; the stage keeps no state. The check runs on the thread that
 * completes the rest of the chain's future (the upstream I/O thread, or the caller's on a cache
 * hit).
 */
public final class AliasTargetPolicy implements DnsStage {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final Supplier<DomainSet> domains;
  private final Supplier<DomainSet> locked;
  private final BlockAnswer blockAnswer;

  /**
   * @param domains the current category set (the one {@link CategoryPolicy} uses), read once per
   *     answer; non-null, never supplying null
   * @param locked the current locked set (the one {@link LockedLists} uses), read once per answer;
   *     non-null, never supplying null
   * @param blockAnswer how blocked names are answered; non-null
   */
  public AliasTargetPolicy(
      Supplier<DomainSet> domains, Supplier<DomainSet> locked, BlockAnswer blockAnswer) {
    this.domains = Objects.requireNonNull(domains, "domains");
    this.locked = Objects.requireNonNull(locked, "locked");
    this.blockAnswer = Objects.requireNonNull(blockAnswer, "blockAnswer");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    Profile profile = query.profile();
    if (profile == null) {
      throw new IllegalStateException("the alias target check needs the identity stage first");
    }
    return next.resolve(query).thenApply(answer -> checked(query, profile, answer));
  }

  private Answer checked(DnsQuery query, Profile profile, Answer answer) {
    if (answer == null) {
      throw new IllegalStateException("the rest of the chain completed without an answer");
    }
    byte[] wire = answer.wire();
    if (wire == null) {
      return answer;
    }
    DomainSet lockedSet = Objects.requireNonNull(locked.get(), "the locked set supplier gave null");
    DomainSet domainSet =
        Objects.requireNonNull(domains.get(), "the domain set supplier gave null");
    AliasTargets.Listed listed;
    try {
      // A temporary allowance waives the profile's categories for the aliases too (a CDN behind
      // the allowed site); locked targets are checked whatever the allowance.
      int blocked = query.categoriesWaived() ? 0 : profile.blockedCategories();
      listed = AliasTargets.match(wire, lockedSet, domainSet, blocked);
    } catch (WireFormatException e) {
      throw new IllegalStateException(
          "malformed answer for "
              + query.question()
              + " ("
              + answer.outcome()
              + "), not passed on: "
              + e.getMessage(),
          e);
    }
    if (listed == null) {
      return answer;
    }
    Outcome outcome = listed.locked() != 0 ? Outcome.LOCKED : Outcome.BLOCKED;
    int categories = listed.locked() != 0 ? listed.locked() : listed.blocked();
    LOG.debug(
        "{} for profile {}: {} leads to {} ({})",
        outcome,
        profile.name(),
        query.question().name(),
        listed.target(),
        answer.outcome());
    return new Answer(Responses.blocked(query.message(), blockAnswer), outcome, categories);
  }
}
