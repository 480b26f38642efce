package org.classgate.filter.schedule;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classgate.dns.Profile;

/**
 * One filtering profile's blocked categories per timetable period, e.g. pupils blocked from games
 * and social media in lessons but only from the usual lists at lunch. A period the profile does not
 * mention uses the profile's default mask. Masks are category bitmasks as built by {@link
 * org.classgate.filter.Categories} ({@code categories.bit("games") | categories.bit("social")}).
 *
 * <p>As a {@link Schedule} its value is the {@link Profile} (name and blocked mask) in effect, one
 * instance per period made up front, so {@code new ScheduledValue<>(schedule, …)::get} can feed the
 * identity stage without allocating.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProfileSchedule implements Schedule<Profile> {
  private final Timetable timetable;
  private final Profile[] profileByPeriod;
  private final boolean sameInEveryPeriod;

  /**
   * @param profile the profile's name; non-blank
   * @param timetable the periods; non-null
   * @param defaultBlocked the mask for every period not in {@code blockedByPeriod}
   * @param blockedByPeriod period name → mask, for some of the timetable's periods (including
   *     {@value Timetable#OUTSIDE} if wanted); non-null, no null values
   * @throws IllegalArgumentException if a period in {@code blockedByPeriod} is not defined by the
   *     timetable (the message names it and lists those that are), or the name is blank
   */
  public ProfileSchedule(
      String profile,
      Timetable timetable,
      int defaultBlocked,
      Map<String, Integer> blockedByPeriod) {
    this.timetable = Objects.requireNonNull(timetable, "timetable");
    Objects.requireNonNull(blockedByPeriod, "blockedByPeriod");
    int[] masks = new int[timetable.periods().size()];
    Arrays.fill(masks, defaultBlocked);
    for (Map.Entry<String, Integer> entry : blockedByPeriod.entrySet()) {
      if (!timetable.defines(entry.getKey())) {
        throw new IllegalArgumentException(
            "profile '"
                + profile
                + "' blocks categories in period '"
                + entry.getKey()
                + "', which the timetable does not define; its periods are "
                + String.join(", ", timetable.periods()));
      }
      masks[timetable.indexOf(entry.getKey())] =
          Objects.requireNonNull(entry.getValue(), "mask of " + entry.getKey());
    }
    this.profileByPeriod = new Profile[masks.length];
    boolean same = true;
    for (int i = 0; i < masks.length; i++) {
      profileByPeriod[i] = new Profile(profile, masks[i]);
      same &= masks[i] == masks[0];
    }
    this.sameInEveryPeriod = same;
  }

  /** The profile's name. */
  public String profile() {
    return profileByPeriod[0].name();
  }

  /** The timetable whose periods this follows. */
  public Timetable timetable() {
    return timetable;
  }

  /**
   * The mask blocked in {@code period}.
   *
   * @throws IllegalArgumentException if the timetable does not define {@code period}
   */
  public int blockedIn(String period) {
    return profileByPeriod[timetable.indexOf(period)].blockedCategories();
  }

  /** The mask blocked at {@code instant}: that of the period the instant is in. */
  public int blockedAt(Instant instant) {
    return valueAt(instant).blockedCategories();
  }

  /** The profile with the mask of the period {@code instant} is in; never null. */
  @Override
  public Profile valueAt(Instant instant) {
    return profileByPeriod[timetable.periodIndexAt(instant)];
  }

  /**
   * The timetable's next period change, or empty if every period has the same mask (the value then
   * never changes). The mask may stay the same across the returned boundary when two neighbouring
   * periods block the same categories; that only costs a cache refresh.
   */
  @Override
  public Optional<Instant> nextChangeAfter(Instant instant) {
    return sameInEveryPeriod ? Optional.empty() : timetable.nextChangeAfter(instant);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("ProfileSchedule[").append(profile());
    for (int i = 0; i < profileByPeriod.length; i++) {
      out.append(i == 0 ? ": " : ", ")
          .append(timetable.periods().get(i))
          .append("=0x")
          .append(Integer.toHexString(profileByPeriod[i].blockedCategories()));
    }
    return out.append(']').toString();
  }
}
