/**
 * Timetabled filtering: named periods of the school week and what each profile blocks in them.
 *
 * <ul>
 *   <li>{@link org.classgate.filter.schedule.Timetable}: periods in the local time of one zone;
 *       {@code periodAt(instant)} and {@code nextChangeAfter(instant)}.
 *   <li>{@link org.classgate.filter.schedule.ProfileSchedule}: one profile's blocked-category mask
 *       per period, with a default.
 *   <li>{@link org.classgate.filter.schedule.ScheduledValue}: either of them cached until the next
 *       change, cheap to read on every query.
 * </ul>
 *
 * <h2>Period text</h2>
 *
 * <p>Each period is one line of configuration, e.g. {@code lessons = Mon-Fri 08:45-12:00, Mon-Fri
 * 13:00-15:15} and {@code lunch = Mon-Fri 12:00-13:00}. The grammar (ABNF, RFC 5234, where {@code
 * WSP} is any ASCII whitespace; whitespace around the whole text and around commas is ignored):
 *
 * <pre>
 * period-text = range *( "," range )                  ; at most 4000 characters
 * range       = days 1*WSP time *WSP "-" *WSP time
 * days        = day [ *WSP "-" *WSP day ]             ; a run of days, forwards within Mon..Sun
 * day         = "Mon" / "Tue" / "Wed" / "Thu" / "Fri" / "Sat" / "Sun"   ; any letter case
 * time        = 1*2DIGIT ":" 2DIGIT                   ; 00:00 to 23:59, and 24:00 as an end
 * </pre>
 *
 * <p>A range applies on each of its days from its start (inclusive) to its end (exclusive), both in
 * local time. It must end after it starts on the same day: a range across midnight is rejected (a
 * swapped start and end is the likelier mistake); write {@code Fri 22:00-24:00, Sat 00:00-06:00}. A
 * run of days does not wrap past Sunday either: write {@code Fri-Sun …, Mon …}. Ranges of one
 * period may touch or overlap; ranges of two periods may touch but not overlap. Any time in no
 * period is in the period {@code outside}, which cannot be configured.
 *
 * <p>Period names are 1-32 of {@code a-z}, {@code 0-9} and {@code -}, starting with a letter or
 * digit.
 *
 * <h2>Daylight saving</h2>
 *
 * <p>Periods follow the zone's wall clock: on the night the clocks go forward, local times in the
 * skipped hour never occur (a range inside it does not happen; one that reaches into it ends at the
 * jump); on the night they go back, the repeated hour occurs twice and so do its periods.
 */
package org.classgate.filter.schedule;
