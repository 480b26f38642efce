package org.classgate.sync.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import org.classgate.sync.crypto.SyncKeys;

/**
 * Coverage-guided fuzzing of the hub's first contact with a box's bytes: for any input, {@link
 * EnvelopeOpener#open} either refuses with a reason or (only for an authentic envelope, which the
 * fuzzer cannot forge) opens it; it never throws anything else. The opener's receiver accepts a
 * fixed enrolled box, so inputs that keep the box id reach the signature check.
 */
class EnvelopeOpenerFuzzTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SyncKeys BOX = SyncKeys.generate(RANDOM);
  private static final SyncKeys HUB = SyncKeys.generate(RANDOM);
  private static final EnvelopeOpener OPENER =
      new EnvelopeOpener(
          HUB, EnvelopeLimits.DEFAULT, new MapReceiverState().enrol(BOX.publicKeys()));
  private static final byte[] REAL =
      new EnvelopeSealer(BOX, HUB.publicKeys(), RANDOM).seal(EnvelopeTest.records(1));

  @FuzzTest(maxDuration = "2m")
  void refusesWithAReasonOrOpens(byte[] input) {
    // Splice the input over a real envelope, so the fuzzer starts from deep inside the format.
    byte[] envelope = input.length > 0 && input[0] == 'R' ? splice(input) : input;
    try {
      OpenedEnvelope opened = OPENER.open(envelope);
      assertEquals(4, opened.records().size(), "only the real envelope can open");
    } catch (EnvelopeRejected rejected) {
      assertNotNull(rejected.reason());
    }
  }

  private static byte[] splice(byte[] input) {
    byte[] envelope = REAL.clone();
    for (int i = 1; i + 2 < input.length; i += 3) {
      int position = ((input[i] & 0xff) << 8 | (input[i + 1] & 0xff)) % envelope.length;
      envelope[position] = input[i + 2];
    }
    return envelope;
  }
}
