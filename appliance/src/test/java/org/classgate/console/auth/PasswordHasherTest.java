package org.classgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher =
      new PasswordHasher(PasswordHasher.DEFAULT, new SecureRandom());

  @Test
  void verifiesItsOwnHashesOnly() {
    String hash = hasher.hash("Correct-Horse-1");
    assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    assertTrue(hasher.verify("Correct-Horse-1", hash));
    assertFalse(hasher.verify("correct-Horse-1", hash));
    assertNotEquals(hash, hasher.hash("Correct-Horse-1"), "a fresh salt every time");
    assertFalse(hasher.needsRehash(hash));
  }

  @Test
  void oldCostsStillVerifyAndAskForARehash() {
    PasswordHasher cheap =
        new PasswordHasher(new PasswordHasher.Cost(64, 1, 1), new SecureRandom());
    String old = cheap.hash("Password-1");
    assertTrue(hasher.verify("Password-1", old));
    assertTrue(hasher.needsRehash(old));
  }

  @Test
  void malformedOrAbusiveHashesNeverMatch() {
    for (String bad :
        new String[] {
          null,
          "",
          "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
          "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAA",
          "$argon2id$v=19$m=64,t=1,p=1$!!!$AAAAAAAAAAAAAAAAAAAAAA",
          "$argon2id$v=19$m=99999999,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
          "$argon2id$v=19$m=64,t=1000,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
          "$argon2id$v=19$x=64$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
          "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAA"
        }) {
      assertFalse(hasher.verify("anything", bad), String.valueOf(bad));
    }
  }
}
