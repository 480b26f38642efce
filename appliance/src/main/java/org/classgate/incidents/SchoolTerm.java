package org.classgate.incidents;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A term of an English school year, in whole months so the governors' report counts by month
 * without splitting one: autumn is September to December, spring January to March, summer April to
 * August (the Easter and summer holidays fall inside the spring/summer boundary months, so no
 * school day is left out). A school year is written {@code 2024-25}. Immutable.
 *
 * @param startYear the calendar year the school year starts in (its September)
 */
public record SchoolTerm(Season season, int startYear) {
  private static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})-(\\d{2})");

  /** The three terms, in school-year order. */
  public enum Season {
    AUTUMN,
    SPRING,
    SUMMER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SchoolTerm {
    if (startYear < 2000 || startYear > 2200) {
      throw new IllegalArgumentException("school year " + startYear + " is out of range");
    }
  }

  /**
   * The term named by {@code schoolYear} (e.g. {@code 2024-25}) and {@code term} (autumn, spring or
   * summer).
   *
   * @throws IllegalArgumentException saying what is expected, for anything else
   */
  public static SchoolTerm parse(String schoolYear, String term) {
    Matcher year = SCHOOL_YEAR.matcher(schoolYear == null ? "" : schoolYear);
    if (!year.matches()) {
      throw new IllegalArgumentException(
          "the school year is written like 2024-25, not '" + schoolYear + "'");
    }
    int start = Integer.parseInt(year.group(1));
    if ((start + 1) % 100 != Integer.parseInt(year.group(2))) {
      throw new IllegalArgumentException(
          "a school year is two consecutive years, like 2024-25, not '" + schoolYear + "'");
    }
    for (Season season : Season.values()) {
      if (season.label().equals(term)) {
        return new SchoolTerm(season, start);
      }
    }
    throw new IllegalArgumentException("the term is autumn, spring or summer, not '" + term + "'");
  }

  /** The term that {@code day} falls in. */
  public static SchoolTerm containing(LocalDate day) {
    int month = day.getMonthValue();
    if (month >= 9) {
      return new SchoolTerm(Season.AUTUMN, day.getYear());
    }
    return new SchoolTerm(month <= 3 ? Season.SPRING : Season.SUMMER, day.getYear() - 1);
  }

  /** E.g. {@code 2024-25}. */
  public String schoolYear() {
    return String.format(Locale.ROOT, "%d-%02d", startYear, (startYear + 1) % 100);
  }

  /** The first day of the term. */
  public LocalDate first() {
    return switch (season) {
      case AUTUMN -> LocalDate.of(startYear, 9, 1);
      case SPRING -> LocalDate.of(startYear + 1, 1, 1);
      case SUMMER -> LocalDate.of(startYear + 1, 4, 1);
    };
  }

  /** The last day of the term. */
  public LocalDate last() {
    return switch (season) {
      case AUTUMN -> LocalDate.of(startYear, 12, 31);
      case SPRING -> LocalDate.of(startYear + 1, 3, 31);
      case SUMMER -> LocalDate.of(startYear + 1, 8, 31);
    };
  }

  /** The term's months, in order. */
  public List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth month = YearMonth.from(first());
        !month.isAfter(YearMonth.from(last()));
        month = month.plusMonths(1)) {
      months.add(month);
    }
    return months;
  }

  /** E.g. {@code Autumn term 2024-25}. */
  public String title() {
    String name = season.label();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " term " + schoolYear();
  }
}
