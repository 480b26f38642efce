package org.classgate.filter.changelog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns two snapshots of the filtering configuration (item → value text, e.g. {@code
 * profile.pupil.block → gambling, games}) into change-control rows, so that a change made by
 * editing the configuration file between two runs is logged like any other change to filtering: one
 * row per changed item with the item before and after.
 *
 * <ul>
 *   <li>{@link #INITIAL}: the first run (no previous snapshot) records the whole configuration in
 *       one row.
 *   <li>{@link #CHANGE}: an item added, removed or changed; {@code before}/{@code after} are {@code
 *       item = value}, null where the item did not / no longer exists.
 *   <li>{@link #REFUSED}: the same, for an item whose change the box did not apply (an allow entry
 *       over a locked list, a locked list's key removed): the reason says what was refused and why.
 *       On the first run every refused item gets such a row too.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigChanges {
  /** Action of the first run's row. */
  public static final String INITIAL = "config.initial";

  /** Action of a changed item's row. */
  public static final String CHANGE = "config.change";

  /** Action of a changed item the box refused to apply. */
  public static final String REFUSED = "config.refused";

  /** The reason recorded for changes found at start. */
  public static final String REASON = "configuration changed between runs";

  private ConfigChanges() {}

  /**
   * The rows recording the move from {@code previous} to {@code current}; empty if nothing changed.
   *
   * @param previous the last run's snapshot, or null on the first run
   * @param current this run's snapshot; non-null, keys and values are {@link AuditText}
   * @param refused item → why the box refuses (part of) it; items not in {@code current} allowed
   * @param actor who made the changes (the configuration file and the OS user); non-blank
   * @param approvedBy who approved them, as the policy has it; may be null
   * @param at when they were found (this start); non-null
   */
  public static List<ChangeEntry> between(
      Map<String, String> previous,
      Map<String, String> current,
      Map<String, String> refused,
      String actor,
      String approvedBy,
      Instant at) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(refused, "refused");
    SortedMap<String, String> now = new TreeMap<>(current);
    List<ChangeEntry> rows = new ArrayList<>();
    if (previous == null) {
      rows.add(
          new ChangeEntry(
              actor,
              at,
              INITIAL,
              null,
              describe(now),
              "first run: the configuration in force from now on",
              approvedBy));
      for (String item : new TreeSet<>(refused.keySet())) {
        if (now.containsKey(item)) {
          rows.add(refusal(actor, at, item, null, now.get(item), refused.get(item), approvedBy));
        }
      }
      return rows;
    }
    TreeSet<String> items = new TreeSet<>(previous.keySet());
    items.addAll(now.keySet());
    for (String item : items) {
      String before = previous.get(item);
      String after = now.get(item);
      if (Objects.equals(before, after)) {
        continue;
      }
      if (refused.containsKey(item)) {
        rows.add(refusal(actor, at, item, before, after, refused.get(item), approvedBy));
      } else {
        rows.add(
            new ChangeEntry(
                actor, at, CHANGE, line(item, before), line(item, after), REASON, approvedBy));
      }
    }
    return rows;
  }

  private static ChangeEntry refusal(
      String actor,
      Instant at,
      String item,
      String before,
      String after,
      String why,
      String approvedBy) {
    return new ChangeEntry(
        actor,
        at,
        REFUSED,
        line(item, before),
        line(item, after),
        REASON + "; refused: " + why,
        approvedBy);
  }

  private static String line(String item, String value) {
    return value == null ? null : item + " = " + value;
  }

  /** Every item, one {@code item = value} line each, in item order. */
  public static String describe(SortedMap<String, String> snapshot) {
    StringBuilder text = new StringBuilder();
    snapshot.forEach((item, value) -> text.append(item).append(" = ").append(value).append('\n'));
    if (text.length() > 0) {
      text.setLength(text.length() - 1);
    }
    return text.toString();
  }
}
