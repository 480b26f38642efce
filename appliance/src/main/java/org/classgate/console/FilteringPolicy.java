package org.classgate.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Decision;
import org.classgate.filter.schedule.Timetable;

/**
 * The filtering policy in force, as the console's filtering page reads it: what {@code classgate
 * policy show} prints, the explain function of {@code classgate policy explain}, and the facts an
 * unblock needs (is the name locked, which categories list it, when does the lesson end). The
 * composition root implements it over the box's current lists, which a list update may swap at any
 * time: every call reads the lists in force then. Implementations are thread-safe.
 */
public interface FilteringPolicy {
  /**
   * The configured policy for people to read.
   *
   * @param lockedLists the locked (illegal-content) lists, which no one can switch off
   * @param zone the timetable's time zone
   * @param periods the timetable's periods in order, {@code outside} last
   * @param profiles every configured profile
   * @param defaultProfile the profile of devices not in the registry
   * @param problems what is wrong with the lists or entries now (e.g. a refused allow entry)
   */
  record Overview(
      List<String> lockedLists,
      String zone,
      List<Period> periods,
      List<ProfileView> profiles,
      String defaultProfile,
      List<String> problems) {}

  /**
   * One timetable period.
   *
   * @param ranges its weekly ranges as text, e.g. {@code mon-fri 09:00-10:00}; empty for {@code
   *     outside}, which is any time in no other period
   */
  record Period(String name, List<String> ranges) {}

  /**
   * One profile.
   *
   * @param blockedByPeriod the categories blocked in each period, in the timetable's order
   * @param safeSearch the SafeSearch level, e.g. {@code strict} or {@code off}
   * @param allow the allow entries (categories waived; locked lists and SafeSearch still apply)
   * @param deny the deny entries (blocked whatever the categories and allowances say)
   * @param refusedAllow allow entries refused because a locked list covers them
   */
  record ProfileView(
      String name,
      Map<String, List<String>> blockedByPeriod,
      String safeSearch,
      List<String> allow,
      List<String> deny,
      List<String> refusedAllow) {}

  Overview overview();

  /** The configured profile names, the default one among them. */
  Set<String> profiles();

  /**
   * The decision for {@code name} for any device of {@code profile} now, and why: the same answer
   * as {@code classgate policy explain NAME --profile PROFILE}.
   *
   * @throws IllegalArgumentException if {@code profile} is not configured
   */
  Decision explain(Name name, String profile);

  /** Whether a locked (illegal-content) list covers {@code name}: nothing can unblock it. */
  boolean isLocked(Name name);

  /** The category lists that list {@code name} (or a parent), by name. */
  Set<String> categoriesOf(Name name);

  /** The school day's periods, for "the rest of the lesson". */
  Timetable timetable();

  /** The profile of the device with {@code address} now, if the box knows it. */
  Optional<String> profileOf(String address);
}
