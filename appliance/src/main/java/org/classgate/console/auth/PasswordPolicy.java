package org.classgate.console.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seeds' password rules as issue 6 states them: at least 8 characters, three of the four
 * classes (upper, lower, digit, other), not containing the user's name, none of the last {@value
 * #HISTORY} passwords again, and an expiry of 60–90 days. Immutable.
 *
 * @param expiry how long a password lasts, 60 to 90 days
 */
public record PasswordPolicy(Duration expiry) {
  public static final int MIN_LENGTH = 8;

  /** Passwords longer than this are refused: Argon2 would happily hash a megabyte per attempt. */
  public static final int MAX_LENGTH = 256;

  /** How many previous passwords (the current one included) cannot be used again. */
  public static final int HISTORY = 4;

  public static final Duration MIN_EXPIRY = Duration.ofDays(60);
  public static final Duration MAX_EXPIRY = Duration.ofDays(90);

  public PasswordPolicy {
    if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException("password expiry must be 60 to 90 days, got " + expiry);
    }
  }

  /**
   * What is wrong with {@code password} for {@code userName}, in words for the person choosing it;
   * empty if it is acceptable (reuse is checked separately, against the stored hashes).
   */
  public List<String> problems(String userName, String password) {
    List<String> problems = new ArrayList<>();
    if (password == null || password.length() < MIN_LENGTH) {
      problems.add("use at least " + MIN_LENGTH + " characters");
      if (password == null) {
        return problems;
      }
    }
    if (password.length() > MAX_LENGTH) {
      problems.add("use at most " + MAX_LENGTH + " characters");
    }
    if (classes(password) < 3) {
      problems.add(
          "use three of the four kinds of character: capital letters, small letters, digits,"
              + " symbols");
    }
    if (userName != null
        && !userName.isBlank()
        && password.toLowerCase(Locale.ROOT).contains(userName.toLowerCase(Locale.ROOT))) {
      problems.add("do not include your user name");
    }
    return problems;
  }

  private static int classes(String password) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < password.length(); ) {
      int c = password.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else {
        other = true;
      }
    }
    return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }
}
