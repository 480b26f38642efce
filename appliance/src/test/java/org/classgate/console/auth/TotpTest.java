package org.classgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED32 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED64 =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 Appendix B, every row: time, algorithm, 8-digit TOTP. */
  @ParameterizedTest
  @CsvSource({
    "59, HmacSHA1, 94287082",
    "59, HmacSHA256, 46119246",
    "59, HmacSHA512, 90693936",
    "1111111109, HmacSHA1, 07081804",
    "1111111109, HmacSHA256, 68084774",
    "1111111109, HmacSHA512, 25091201",
    "1111111111, HmacSHA1, 14050471",
    "1111111111, HmacSHA256, 67062674",
    "1111111111, HmacSHA512, 99943326",
    "1234567890, HmacSHA1, 89005924",
    "1234567890, HmacSHA256, 91819424",
    "1234567890, HmacSHA512, 93441116",
    "2000000000, HmacSHA1, 69279037",
    "2000000000, HmacSHA256, 90698825",
    "2000000000, HmacSHA512, 38618901",
    "20000000000, HmacSHA1, 65353130",
    "20000000000, HmacSHA256, 77737706",
    "20000000000, HmacSHA512, 47863826"
  })
  void matchesTheRfc6238TestVectors(long seconds, String algorithm, String expected) {
    byte[] seed =
        switch (algorithm) {
          case "HmacSHA1" -> SEED20;
          case "HmacSHA256" -> SEED32;
          default -> SEED64;
        };
    long step = seconds / Totp.STEP_SECONDS;
    assertEquals(expected, Totp.format(Totp.code(seed, step, algorithm, 8), 8));
  }

  @Test
  void acceptsTheCurrentCodeAndNeighboursButNeverTwice() {
    String secret = Base32.encode(SEED20);
    Totp at59 = at(59);
    // RFC 6238's SHA-1 code at T=59 is 94287082; the 6-digit code is its last six digits.
    assertEquals("287082", at59.codeNow(secret));
    OptionalLong step = at59.verify(secret, "287082", -1);
    assertEquals(OptionalLong.of(1), step);
    assertTrue(at59.verify(secret, "287082", 1).isEmpty(), "a used step is refused (replay)");
    // One step later the previous code is still accepted (window of one step), two steps not.
    assertTrue(at(89).verify(secret, "287082", -1).isPresent());
    assertTrue(at(121).verify(secret, "287082", -1).isEmpty());
  }

  @Test
  void hostileInputIsSimplyInvalid() {
    Totp totp = at(59);
    String secret = Base32.encode(SEED20);
    for (String code : new String[] {null, "", "28708", "2870822", "28708a", "<svg>", "٢٨٧٠٨٢"}) {
      assertTrue(totp.verify(secret, code, -1).isEmpty(), String.valueOf(code));
    }
    assertTrue(totp.verify("not base32!", "287082", -1).isEmpty());
    assertTrue(totp.verify(null, "287082", -1).isEmpty());
  }

  @Test
  void base32RoundTripsAndMatchesRfc4648() {
    // RFC 4648 section 10: BASE32("foobar") = "MZXW6YTBOI======"
    assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "foobar", new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII));
  }

  private static Totp at(long seconds) {
    return new Totp(Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC));
  }
}
