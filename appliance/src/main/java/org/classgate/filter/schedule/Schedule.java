package org.classgate.filter.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A value that follows the clock but changes only at instants that can be computed ahead, such as
 * the timetable period or a profile's blocked categories. {@link ScheduledValue} caches one between
 * changes so the DNS path does not compute calendars per query.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <T> the value; never null
 */
public interface Schedule<T> {
  /**
   * The value in effect at {@code instant}.
   *
   * @param instant non-null, within the years {@link java.time.LocalDateTime} can represent
   * @return never null
   */
  T valueAt(Instant instant);

  /**
   * An instant after {@code instant} before which the value does not change: {@link #valueAt} is
   * the same for every instant in {@code [instant, result)}. The value usually differs at the
   * result, but an implementation may return a boundary where it happens to stay the same (it must
   * never return one later than a real change).
   *
   * @param instant non-null, as for {@link #valueAt}
   * @return empty if the value never changes after {@code instant}
   */
  Optional<Instant> nextChangeAfter(Instant instant);
}
