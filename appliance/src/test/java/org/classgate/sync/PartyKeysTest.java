package org.classgate.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PartyKeysTest {
  private static final UUID ID = UUID.fromString("0b9c1e9e-7f43-4c1e-9d55-3a0c5b6f2e10");

  private static PartyKeys keys(int signingFill, int agreementFill) {
    byte[] signing = new byte[32];
    Arrays.fill(signing, (byte) signingFill);
    byte[] agreement = new byte[32];
    Arrays.fill(agreement, (byte) agreementFill);
    return new PartyKeys(ID, signing, agreement);
  }

  @Test
  void fingerprintIsTheWholeSha256InGroupsOfFour() {
    String fingerprint = keys(1, 2).fingerprint();
    assertTrue(fingerprint.matches("([0-9a-f]{4} ){15}[0-9a-f]{4}"), fingerprint);
    assertEquals(fingerprint, keys(1, 2).fingerprint());
    assertNotEquals(fingerprint, keys(1, 3).fingerprint());
    assertNotEquals(fingerprint, keys(2, 1).fingerprint(), "the keys' order matters");
  }

  @Test
  void enrolmentCodeIsFourGroupsOfUnambiguousBase32AndBindsIdAndKeys() {
    String code = keys(1, 2).enrolmentCode();
    assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}"), code);
    assertNotEquals(code, keys(1, 3).enrolmentCode());
    assertNotEquals(
        code,
        new PartyKeys(UUID.randomUUID(), keys(1, 2).signingKey(), keys(1, 2).agreementKey())
            .enrolmentCode());
  }

  @Test
  void typedEnrolmentCodesMatchIgnoringCaseSpacesAndDashes() {
    PartyKeys party = keys(7, 9);
    String code = party.enrolmentCode();
    assertTrue(party.matchesEnrolmentCode(code));
    assertTrue(party.matchesEnrolmentCode(" " + code.toLowerCase().replace('-', ' ') + " "));
    char last = code.charAt(code.length() - 1);
    String typo = code.substring(0, code.length() - 1) + (last == '0' ? '1' : '0');
    assertFalse(party.matchesEnrolmentCode(typo));
    assertFalse(party.matchesEnrolmentCode(""));
  }

  @Test
  void keyIdsAreSixteenBytesAndDistinguishKeys() {
    assertEquals(16, keys(1, 2).signingKeyId().length);
    assertFalse(Arrays.equals(keys(1, 2).signingKeyId(), keys(1, 2).agreementKeyId()));
  }

  @Test
  void keysAreCopiedInAndOut() {
    byte[] signing = new byte[32];
    PartyKeys party = new PartyKeys(ID, signing, new byte[32]);
    signing[0] = 1;
    party.signingKey()[1] = 1;
    assertEquals(0, party.signingKey()[0] + party.signingKey()[1]);
  }
}
