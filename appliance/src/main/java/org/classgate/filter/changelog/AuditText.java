package org.classgate.filter.changelog;

/**
 * Rules for free text that goes into audit records (reasons, before/after descriptions, people's
 * ids): any well-formed Unicode is stored and read back exactly — quotes, markup, NUL, newlines —
 * because an audit log that rewrites what people wrote is not an audit log. Escaping is the job of
 * whoever displays the text (the console escapes for HTML).
 *
 * <p>Two things are refused: text longer than {@link #MAX_LENGTH} (it would bloat the box's
 * database and every sync batch), and unpaired UTF-16 surrogates, which have no UTF-8 encoding: the
 * database and the canonical hash encoding would both silently replace them, so what was read back
 * would not be what was written. Stateless.
 */
public final class AuditText {
  /** The longest audit text accepted, in UTF-16 chars (a long email pasted as a reason fits). */
  public static final int MAX_LENGTH = 65_536;

  private AuditText() {}

  /**
   * Returns {@code value} if it is acceptable audit text.
   *
   * @param field what the text is, for the error message
   * @throws IllegalArgumentException if {@code value} is null, longer than {@link #MAX_LENGTH} or
   *     holds an unpaired surrogate; the message names the field and the position
   */
  public static String require(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " characters long; at most " + MAX_LENGTH);
    }
    int bad = unpairedSurrogate(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          field + " has an unpaired UTF-16 surrogate at position " + bad + " (not valid Unicode)");
    }
    return value;
  }

  /**
   * Like {@link #require} and also refuses text that is empty or only whitespace: a reason must say
   * something.
   */
  public static String requireNonBlank(String field, String value) {
    require(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  /** Like {@link #require} but null is allowed (and returned). */
  public static String optional(String field, String value) {
    return value == null ? null : require(field, value);
  }

  /** Index of the first unpaired surrogate in {@code text}, or -1. */
  static int unpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
