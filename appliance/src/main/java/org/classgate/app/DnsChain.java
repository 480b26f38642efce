package org.classgate.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.activity.ActivityLog;
import org.classgate.activity.ActivityRecording;
import org.classgate.activity.DeviceIds;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Profile;
import org.classgate.dns.cache.DnsCache;
import org.classgate.dns.pipeline.AccessControl;
import org.classgate.dns.pipeline.ClientIdentity;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.pipeline.QuarantineGate;
import org.classgate.dns.pipeline.QueryGuard;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.dns.pipeline.StageChain;
import org.classgate.dns.upstream.UpstreamResolver;
import org.classgate.filter.AliasTargetPolicy;
import org.classgate.filter.CategoryPolicy;
import org.classgate.filter.DomainSet;
import org.classgate.filter.LockedLists;
import org.classgate.filter.ProfileEntryPolicy;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.SafeSearch;
import org.classgate.filter.SafeSearchRules;
import org.classgate.filter.TemporaryUnblocks;
import org.classgate.filter.allowance.AllowanceSet;

/**
 * The order of the DNS stage chain, in one place, with the reason for each position. Every query
 * from a classroom device passes these stages top to bottom until one answers.
 */
final class DnsChain {
  private DnsChain() {}

  /** What the chain is assembled from; built by {@link Appliance}. */
  record Parts(
      AccessControl accessControl,
      ClientProfiles profiles,
      QuarantineGate quarantineGate,
      ActivityLog activityLog,
      DeviceIds deviceIds,
      Supplier<DomainSet> domains,
      Supplier<DomainSet> locked,
      ProfileEntryTable entries,
      Supplier<AllowanceSet> allowances,
      BlockAnswer blockAnswer,
      Function<Profile, SafeSearchRules> safeSearch,
      DnsCache cache,
      UpstreamResolver upstream,
      Clock clock,
      LongSupplier nanoTime) {}

  static StageChain assemble(Parts parts) {
    List<DnsStage> stages = new ArrayList<>();
    // First, on the raw bytes: an outsider or a flooding client costs us no parsing at all, and
    // nothing below can be used as an open resolver or amplifier.
    stages.add(parts.accessControl());
    // Parse and reject malformed, non-query, zone-transfer and ANY queries, so every later stage
    // may rely on exactly one well-formed question.
    stages.add(new QueryGuard());
    // Who is asking decides the profile; everything below filters by it.
    stages.add(new ClientIdentity(parts.profiles()));
    // Wraps everything below so that the final outcome of every identified query, including
    // blocks and cache hits, is recorded once. Left out while the box keeps no activity log, so
    // the hot path does not build records nobody reads.
    if (parts.activityLog() != ActivityLog.NONE) {
      // Device ids come from the device registry once it identifies clients (issue 4); until
      // then records carry the client address only.
      stages.add(new ActivityRecording(parts.activityLog(), parts.deviceIds(), parts.nanoTime()));
    }
    // Devices waiting for a teacher (or blocked) get the waiting page for every name but the
    // box's own, before anything else can answer them: no canary, allowance or cached answer is
    // theirs yet. Below the activity log, so a quarantined device's lookups are recorded too.
    stages.add(parts.quarantineGate());
    // Canary names (use-application-dns.net …) are answered before any policy, for every
    // profile: they switch off browser and OS bypasses, which no allowance should re-enable.
    stages.add(new SpecialNames());
    // Illegal content, for every profile, before anything that can allow a name (allowances,
    // allow entries): nothing configured below can reach a locked name.
    stages.add(new LockedLists(parts.locked(), parts.blockAnswer()));
    // Precedence below the locked lists: a profile's deny entry > a temporary allowance or the
    // profile's allow entry > the profile's categories. The profile's own entries come first: a
    // deny entry answers here, before any allowance is looked at (it is the standing decision for
    // the profile, changed by editing the profile, and allowances for a denied name are refused
    // when requested); an allow entry, like an allowance, only waives the categories below, so the
    // name still gets the CNAME cloaking check and SafeSearch.
    stages.add(new ProfileEntryPolicy(parts.entries(), parts.blockAnswer()));
    // Temporary allowances: after the locked lists (nothing unlocks illegal content) and the deny
    // entries, before the category policy they waive; the allowed name still gets SafeSearch below.
    stages.add(new TemporaryUnblocks(parts.allowances(), parts.clock()));
    // The profile's blocked categories. Before the cache, because the cache is shared by all
    // profiles: an answer cached for staff must never be served to a pupil.
    stages.add(new CategoryPolicy(parts.domains(), parts.blockAnswer()));
    // CNAME cloaking: checks the CNAME/DNAME targets of the answer that comes back, with this
    // client's profile, so an allowed name cannot alias its way to a blocked or locked one. Above
    // the shared cache, so cached answers are checked per profile too.
    stages.add(new AliasTargetPolicy(parts.domains(), parts.locked(), parts.blockAnswer()));
    // After the policy, so a blocked search engine stays blocked rather than rewritten; before the
    // cache, because the rewrite depends on the profile and the cache does not know profiles (it
    // only ever sees the safe name's own answer).
    stages.add(new SafeSearch(parts.safeSearch()));
    // Only names the policy let through reach the cache and upstream; cached answers are keyed
    // by question and EDNS shape, not by profile, which is safe because policy ran first.
    stages.add(parts.cache());
    // Last: the upstream answers every query it gets (SERVFAIL when all upstreams fail), so no
    // query can fall off the end of the chain unanswered.
    stages.add(parts.upstream());
    return StageChain.of(stages);
  }
}
