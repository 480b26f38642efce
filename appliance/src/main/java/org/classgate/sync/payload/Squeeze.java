package org.classgate.sync.payload;

import java.util.List;

/**
 * How hard an encoder squeezes a record to fit {@link Payloads#MAX_BYTES}: the longest free text
 * kept and the most items kept of a list that can grow without bound (actions, concerns, problems).
 * Records are encoded at {@link #NONE} first; only a record that does not fit (a pathological
 * description, thousands of actions) is encoded again at the next level, and the last level fits
 * any record whatever its content, so an encoder never fails and a safeguarding record is never
 * refused by the outbox for its size. Truncated text says so in the text itself. Immutable.
 *
 * @param maxChars the longest text kept whole, in UTF-16 units
 * @param maxItems the most list items kept (the newest, where order is time)
 */
record Squeeze(int maxChars, int maxItems) {
  /** As written, nothing cut: any real record fits at this level. */
  static final Squeeze NONE = new Squeeze(Integer.MAX_VALUE, Integer.MAX_VALUE);

  /**
   * The levels in order. The last one bounds a record to roughly (fields) x 256 x 6 bytes (a
   * control character is escaped as six): well under {@link Payloads#MAX_BYTES} for every kind.
   */
  static final List<Squeeze> LEVELS = List.of(NONE, new Squeeze(16_384, 200), new Squeeze(256, 10));

  /**
   * {@code text}, made safe for JSON ({@link Json#text}) and cut to {@link #maxChars} with a note
   * of how much was cut; null stays null. Never splits a surrogate pair.
   */
  String text(String text) {
    String safe = Json.text(text);
    if (safe == null || safe.length() <= maxChars) {
      return safe;
    }
    int keep = maxChars;
    if (Character.isHighSurrogate(safe.charAt(keep - 1))) {
      keep--;
    }
    return safe.substring(0, keep) + "\u2026 [" + (safe.length() - keep) + " characters cut]";
  }

  /** The last {@link #maxItems} of {@code items} (the newest, for lists in time order). */
  <T> List<T> newest(List<T> items) {
    return items.size() <= maxItems ? items : items.subList(items.size() - maxItems, items.size());
  }
}
