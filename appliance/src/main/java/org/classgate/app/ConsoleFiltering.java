package org.classgate.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.console.ConsoleModule;
import org.classgate.console.FilteringPolicy;
import org.classgate.console.FilteringRoutes;
import org.classgate.console.store.SqliteUnblockRequests;
import org.classgate.dns.Profile;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Decision;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.PolicyExplainer;
import org.classgate.filter.ProfileEntries;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.schedule.ProfileSchedule;
import org.classgate.filter.schedule.Timetable;
import org.classgate.filter.schedule.WeeklyRange;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.filter.store.SqliteChangeLog;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.tinylog.TaggedLogger;

/**
 * The console's view of the filtering policy in force ({@link FilteringPolicy}), over the same
 * lists, schedules, entries and allowances the DNS chain uses, so the page, {@code classgate policy
 * show} and {@code classgate policy explain} agree with what the chain answers. Reads the current
 * list snapshot on every call (a list update may swap it at any time). Thread-safe.
 */
public final class ConsoleFiltering implements FilteringPolicy {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  private final ApplianceConfig config;
  private final FilterLists lists;
  private final ProfileEntryTable entries;
  private final Supplier<AllowanceSet> allowances;
  private final ClientProfiles identity;
  private final Clock clock;

  private ConsoleFiltering(
      ApplianceConfig config,
      FilterLists lists,
      ProfileEntryTable entries,
      Supplier<AllowanceSet> allowances,
      ClientProfiles identity,
      Clock clock) {
    this.config = config;
    this.lists = lists;
    this.entries = entries;
    this.allowances = allowances;
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * The filtering page's API for the running box.
   *
   * @param allowances the box's allowance refresh: the chain's current set, and the nudge that puts
   *     a console change in force at once
   * @param identity which profile a device's address has now
   * @param outbound where unblocks and change-log rows are queued for the school hub
   */
  static ConsoleModule module(
      ApplianceConfig config,
      FilterLists lists,
      ProfileEntryTable entries,
      Database database,
      OutboundRecords outbound,
      AllowanceRefresh allowances,
      ClientProfiles identity,
      Clock clock) {
    return new FilteringRoutes(
        new ConsoleFiltering(config, lists, entries, allowances::get, identity, clock),
        new SqliteAllowanceStore(
            database, new Allowances(ApprovalRules.defaults(), clock, entries), outbound),
        new SqliteChangeLog(database, outbound),
        new SqliteUnblockRequests(database),
        allowances::refreshNow,
        clock);
  }

  /**
   * The filtering page's API without a running box, over {@code database}: the lists loaded the way
   * {@code classgate policy} loads them, no device registry (every address has the default profile,
   * as for a device the box does not know), and the allowances re-read after every change made
   * through it. For a console run on its own, and for tests of the console.
   */
  public static ConsoleModule standalone(ApplianceConfig config, Database database, Clock clock)
      throws ListLoadException, StoreException {
    FilterLists lists = FilterLists.load(config, System::nanoTime);
    ProfileEntryTable entries = ProfileEntryTables.build(config, lists.locked());
    OutboundRecords outbound = Outbound.outbox(config, database);
    SqliteAllowanceStore store =
        new SqliteAllowanceStore(
            database, new Allowances(ApprovalRules.defaults(), clock, entries), outbound);
    Predicate<Name> isLocked = name -> lists.locked().match(name) != 0;
    AtomicReference<AllowanceSet> current = new AtomicReference<>(store.snapshot(isLocked));
    Runnable reread =
        () -> {
          try {
            current.set(store.snapshot(isLocked));
          } catch (StoreException e) {
            LOG.error(
                "could not re-read the allowances (keeping the last set): {}", e.getMessage());
          }
        };
    return new FilteringRoutes(
        new ConsoleFiltering(
            config,
            lists,
            entries,
            current::get,
            client -> new Profile(config.defaultProfile(), 0),
            clock),
        store,
        new SqliteChangeLog(database, outbound),
        new SqliteUnblockRequests(database),
        reread,
        clock);
  }

  @Override
  public Overview overview() {
    Timetable timetable = config.timetable();
    List<Period> periods = new ArrayList<>();
    for (String period : timetable.periods()) {
      periods.add(
          new Period(
              period,
              period.equals(Timetable.OUTSIDE)
                  ? List.of()
                  : timetable.ranges(period).stream().map(WeeklyRange::toString).toList()));
    }
    List<ProfileView> profiles = new ArrayList<>();
    for (String name : config.profiles().keySet()) {
      ProfileSchedule schedule = lists.schedule(name);
      Map<String, List<String>> blocked = new LinkedHashMap<>();
      for (String period : timetable.periods()) {
        blocked.put(period, lists.categoryNames(schedule.blockedIn(period)));
      }
      ProfileEntries own = entries.forProfile(name);
      List<String> refused = new ArrayList<>();
      for (ProfileEntryTable.Refusal refusal : entries.refused()) {
        if (refusal.profile().equals(name)) {
          refused.add(refusal.entryText());
        }
      }
      profiles.add(
          new ProfileView(
              name,
              blocked,
              config.profiles().get(name).safeSearch().name().toLowerCase(Locale.ROOT),
              texts(own.allow()),
              texts(own.deny()),
              refused));
    }
    List<String> problems = new ArrayList<>(lists.problems());
    entries.refused().forEach(refusal -> problems.add(refusal.toString()));
    return new Overview(
        lockedNames(),
        timetable.zone().getId(),
        periods,
        profiles,
        config.defaultProfile(),
        problems);
  }

  @Override
  public Set<String> profiles() {
    return new LinkedHashSet<>(config.profiles().keySet());
  }

  @Override
  public Decision explain(Name name, String profile) {
    if (!config.profiles().containsKey(profile)) {
      throw new IllegalArgumentException("profile '" + profile + "' is not configured");
    }
    // As 'classgate policy explain' builds it, with the allowances the chain holds now.
    return new PolicyExplainer(
            lists.locked(),
            lists.categories(),
            lists.domains(),
            lists.categories(),
            lists.schedule(profile),
            allowances.get(),
            lists.safeSearchFor(new Profile(profile, 0)),
            SpecialNames.canaries(),
            entries.forProfile(profile),
            clock)
        .explain(name);
  }

  @Override
  public boolean isLocked(Name name) {
    return lists.locked().match(name) != 0;
  }

  @Override
  public Set<String> categoriesOf(Name name) {
    return new LinkedHashSet<>(lists.categoryNames(lists.domains().match(name)));
  }

  @Override
  public Timetable timetable() {
    return config.timetable();
  }

  @Override
  public Optional<String> profileOf(String address) {
    // Only numeric literals: a hostile text must never start a DNS lookup.
    if (address == null || !address.matches("[0-9A-Fa-f:.]{2,45}")) {
      return Optional.empty();
    }
    try {
      Profile profile = identity.profileFor(InetAddress.getByName(address));
      return config.profiles().containsKey(profile.name())
          ? Optional.of(profile.name())
          : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** As {@code classgate policy show} names them, with lists enforced from a last good copy. */
  private List<String> lockedNames() {
    List<String> names = new ArrayList<>(config.locked().keySet());
    for (String category : lists.categories().all()) {
      if (!config.lists().containsKey(category) && !names.contains(category)) {
        names.add(category + " (no longer configured: enforced from its last good copy)");
      }
    }
    return names;
  }

  private static List<String> texts(List<Name> names) {
    List<String> texts = new ArrayList<>();
    for (Name name : names) {
      String text = name.toString();
      texts.add(text.substring(0, text.length() - 1));
    }
    return texts;
  }
}
