package org.classgate.filter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;

/**
 * Applies the client's profile's own entries: a name a deny entry covers gets the block answer with
 * outcome {@link Outcome#DENIED}, whatever the categories and any temporary allowance say; a name
 * an allow entry covers has the profile's categories waived ({@link DnsQuery#waiveCategories()}),
 * so {@link CategoryPolicy} lets it through as {@link Outcome#UNBLOCKED}. Everything else passes on
 * unchanged.
 *
 * <p>Position: after {@link LockedLists} (no entry reaches locked content) and before {@link
 * TemporaryUnblocks}, so a deny entry answers before any allowance is looked at. An allow entry
 * does not end the chain: SafeSearch and the CNAME cloaking check still apply to the name.
 *
 * <p>Two allocation-free set lookups per query at most (none for a profile without entries).
 * Thread-safe: the table is immutable.
 */
public final class ProfileEntryPolicy implements DnsStage {
  private final ProfileEntryTable entries;
  private final BlockAnswer blockAnswer;

  /**
   * @param entries every profile's entries; non-null
   * @param blockAnswer how denied names are answered; non-null
   */
  public ProfileEntryPolicy(ProfileEntryTable entries, BlockAnswer blockAnswer) {
    this.entries = Objects.requireNonNull(entries, "entries");
    this.blockAnswer = Objects.requireNonNull(blockAnswer, "blockAnswer");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    Profile profile = query.profile();
    if (profile == null) {
      throw new IllegalStateException("the profile entries need the identity stage first");
    }
    ProfileEntries own = entries.of(profile);
    if (own.denies(query.question().name())) {
      return CompletableFuture.completedFuture(
          new Answer(Responses.blocked(query.message(), blockAnswer), Outcome.DENIED, 0));
    }
    if (own.allows(query.question().name())) {
      query.waiveCategories();
    }
    return next.resolve(query);
  }
}
