package org.classgate.console.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226): HMAC-SHA1, 30-second steps from
 * the Unix epoch, 6 digits — what every authenticator app uses by default. Thread-safe.
 */
public final class Totp {
  /** RFC 6238 section 4: X, the time step. */
  static final long STEP_SECONDS = 30;

  static final int DIGITS = 6;

  /**
   * Steps accepted either side of now (RFC 6238 section 5.2 recommends at most one), for a phone
   * clock a little out and a code typed at the end of its step.
   */
  static final int WINDOW = 1;

  private static final int SECRET_BYTES = 20;

  private final Clock clock;

  /**
   * @param clock the wall clock codes are checked against; non-null
   */
  public Totp(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new 160-bit secret (RFC 4226 section 4 recommends 160 bits), in base32 for the app. */
  public static String newSecret(SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return Base32.encode(secret);
  }

  /**
   * The step a code for {@code secret} is valid in, if {@code code} is valid now; steps at or
   * before {@code lastUsedStep} are refused so a code cannot be replayed (RFC 6238 section 5.2).
   * Hostile text is simply invalid.
   */
  public OptionalLong verify(String base32Secret, String code, long lastUsedStep) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}") || base32Secret == null) {
      return OptionalLong.empty();
    }
    byte[] key;
    try {
      key = Base32.decode(base32Secret);
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
    long now = Math.floorDiv(clock.millis() / 1000, STEP_SECONDS);
    int wanted = Integer.parseInt(code);
    for (long step = now - WINDOW; step <= now + WINDOW; step++) {
      if (step > lastUsedStep && code(key, step, "HmacSHA1", DIGITS) == wanted) {
        return OptionalLong.of(step);
      }
    }
    return OptionalLong.empty();
  }

  /** The code for {@code base32Secret} at the current time (used by tests and the enrolment). */
  public String codeNow(String base32Secret) {
    long step = Math.floorDiv(clock.millis() / 1000, STEP_SECONDS);
    return format(code(Base32.decode(base32Secret), step, "HmacSHA1", DIGITS), DIGITS);
  }

  /** RFC 4226 section 5.3: HOTP truncation of HMAC(key, counter), {@code digits} long. */
  static int code(byte[] key, long counter, String algorithm, int digits) {
    byte[] hmac;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      hmac = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
    }
    int offset = hmac[hmac.length - 1] & 0x0f;
    int binary =
        ((hmac[offset] & 0x7f) << 24)
            | ((hmac[offset + 1] & 0xff) << 16)
            | ((hmac[offset + 2] & 0xff) << 8)
            | (hmac[offset + 3] & 0xff);
    return binary % (int) Math.pow(10, digits);
  }

  static String format(int code, int digits) {
    return String.format("%0" + digits + "d", code);
  }
}
