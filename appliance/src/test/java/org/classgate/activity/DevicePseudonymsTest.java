package org.classgate.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.classgate.dns.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicePseudonymsTest {
  @TempDir Path dir;

  @Test
  void theKeyIsCreatedOwnerOnlyAndGivesStablePseudonyms() throws Exception {
    DevicePseudonyms first = DevicePseudonyms.load(dir, new SecureRandom());
    Path key = dir.resolve(DevicePseudonyms.KEY_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(32, Files.size(key));
    assertTrue(Files.notExists(dir.resolve(DevicePseudonyms.KEY_FILE + ".new")));

    String pseudonym = first.of("aa:bb:cc:dd:ee:ff");
    assertTrue(pseudonym.matches("[0-9a-f]{32}"), pseudonym);
    assertEquals(pseudonym, DevicePseudonyms.load(dir, new SecureRandom()).of("aa:bb:cc:dd:ee:ff"));
    assertNotEquals(pseudonym, first.of("aa:bb:cc:dd:ee:fe"));

    Path otherBox = Files.createDirectory(dir.resolve("other"));
    assertNotEquals(
        pseudonym, DevicePseudonyms.load(otherBox, new SecureRandom()).of("aa:bb:cc:dd:ee:ff"));
  }

  @Test
  void pseudonymsAreHmacSha256AsOpensslComputesIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl");
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    Files.write(dir.resolve(DevicePseudonyms.KEY_FILE), key);
    String device = "aa:bb:cc:dd:ee:ff";
    Process openssl =
        new ProcessBuilder(
                "/usr/bin/openssl",
                "dgst",
                "-sha256",
                "-mac",
                "HMAC",
                "-macopt",
                "hexkey:" + HexFormat.of().formatHex(key))
            .redirectErrorStream(true)
            .start();
    openssl.getOutputStream().write(device.getBytes(StandardCharsets.UTF_8));
    openssl.getOutputStream().close();
    String output =
        new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(openssl.waitFor(10, TimeUnit.SECONDS));
    String expected = output.substring(output.lastIndexOf(' ') + 1);

    DevicePseudonyms pseudonyms = DevicePseudonyms.load(dir, new SecureRandom());

    assertEquals(expected.substring(0, 32), pseudonyms.of(device), output);
    assertEquals(
        new DailyCount(
            LocalDate.of(2026, 11, 23), expected.substring(0, 32), "games", Outcome.BLOCKED, 3),
        new DailyCount(LocalDate.of(2026, 11, 23), device, "games", Outcome.BLOCKED, 3)
            .pseudonymised(pseudonyms));
  }

  @Test
  void aKeyReadableByOthersIsTightenedAndABadKeyRefused() throws Exception {
    Path key = dir.resolve(DevicePseudonyms.KEY_FILE);
    Files.write(key, new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    DevicePseudonyms.load(dir, new SecureRandom());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));

    Files.write(key, new byte[5]);
    IOException wrong =
        assertThrows(IOException.class, () -> DevicePseudonyms.load(dir, new SecureRandom()));
    assertTrue(wrong.getMessage().contains("5 bytes"), wrong.getMessage());
  }
}
