package org.classgate.console.auth;

import java.security.SecureRandom;

/**
 * Temporary passwords an administrator hands over: 14 characters that always meet the policy (a
 * capital, a small letter, a digit and a symbol in every one), without look-alikes (0/O, 1/l/I).
 */
final class TemporaryPasswords {
  private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
  private static final String DIGITS = "23456789";
  private static final String SYMBOLS = "-+=!?#%";
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
  private static final int LENGTH = 14;

  private TemporaryPasswords() {}

  static String generate(SecureRandom random) {
    char[] out = new char[LENGTH];
    out[0] = pick(UPPER, random);
    out[1] = pick(LOWER, random);
    out[2] = pick(DIGITS, random);
    out[3] = pick(SYMBOLS, random);
    for (int i = 4; i < LENGTH; i++) {
      out[i] = pick(ALL, random);
    }
    // Shuffle so the classes are not always at the front (Fisher–Yates).
    for (int i = LENGTH - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return new String(out);
  }

  private static char pick(String alphabet, SecureRandom random) {
    return alphabet.charAt(random.nextInt(alphabet.length()));
  }
}
