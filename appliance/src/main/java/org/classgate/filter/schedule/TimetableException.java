package org.classgate.filter.schedule;

/**
 * A timetable that cannot be used: a period text that does not parse, a bad period name, or two
 * periods that overlap. {@link #period()} names the period whose configuration is wrong (for an
 * overlap, the later of the two in the order given) so the caller can name the configuration key
 * ({@code timetable.<period>}); {@link #problem()} says what is wrong, quoting the text as given
 * and saying what is allowed.
 */
public final class TimetableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Quoted texts longer than this are cut, so one bad value cannot flood a log line. */
  private static final int MAX_QUOTED_CHARS = 80;

  private final String period;
  private final String problem;

  /**
   * @param period the period whose text or name is wrong; non-null
   * @param problem what is wrong and what is allowed; non-null
   */
  public TimetableException(String period, String problem) {
    super("timetable period " + quote(period) + ": " + problem);
    this.period = period;
    this.problem = problem;
  }

  /** The period whose configuration is wrong, as given (it may itself be the bad name). */
  public String period() {
    return period;
  }

  /** What is wrong, without the period prefix of {@link #getMessage()}. */
  public String problem() {
    return problem;
  }

  /**
   * {@code text} in single quotes, with control characters shown as {@code \\uXXXX} and anything
   * past 80 characters cut to {@code …}: configuration text is shown to people and logs verbatim
   * otherwise.
   */
  static String quote(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 3);
    out.append('\'');
    int shown = Math.min(text.length(), MAX_QUOTED_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_QUOTED_CHARS) {
      out.append('…');
    }
    return out.append('\'').toString();
  }
}
