package org.classgate.sync.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known-answer tests from the RFCs, so the primitives are the standard ones, not look-alikes. */
class PrimitivesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void ed25519MatchesRfc8032TestOne() {
    SigningKey key =
        SigningKey.fromSeed(
            HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] publicKey = key.publicKey();
    assertEquals(
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        HEX.formatHex(publicKey));
    byte[] signature = key.sign(new byte[0], 0, 0);
    assertEquals(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701"
            + "cf9b46bd25bf5f0595bbe24655141438e7a100b",
        HEX.formatHex(signature));
    assertTrue(SigningKey.verify(publicKey, new byte[0], 0, 0, signature, 0));
  }

  @Test
  void ed25519RefusesChangedMessagesSignaturesAndMalformedInput() {
    SigningKey key = SigningKey.generate(new SecureRandom());
    byte[] message = "incident 42".getBytes(StandardCharsets.US_ASCII);
    byte[] signature = key.sign(message, 0, message.length);
    assertTrue(SigningKey.verify(key.publicKey(), message, 0, message.length, signature, 0));
    message[0] ^= 1;
    assertFalse(SigningKey.verify(key.publicKey(), message, 0, message.length, signature, 0));
    message[0] ^= 1;
    signature[63] ^= (byte) 0x80;
    assertFalse(SigningKey.verify(key.publicKey(), message, 0, message.length, signature, 0));
    assertFalse(SigningKey.verify(new byte[31], message, 0, message.length, signature, 0));
    assertFalse(SigningKey.verify(key.publicKey(), message, 0, message.length, new byte[10], 0));
  }

  @Test
  void x25519MatchesRfc7748SectionSixOne() {
    AgreementKey alice =
        AgreementKey.fromPrivate(
            HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    AgreementKey bob =
        AgreementKey.fromPrivate(
            HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
    assertEquals(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        HEX.formatHex(alice.publicKey()));
    assertEquals(
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
        HEX.formatHex(bob.publicKey()));
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(shared, HEX.formatHex(alice.agree(bob.publicKey()).orElseThrow()));
    assertEquals(shared, HEX.formatHex(bob.agree(alice.publicKey()).orElseThrow()));
  }

  @Test
  void x25519RefusesLowOrderPointsAndWrongLengths() {
    AgreementKey key = AgreementKey.generate(new SecureRandom());
    // The point of order 1 (u = 0) and of order 2 (u = 1) give the all-zero secret.
    assertTrue(key.agree(new byte[32]).isEmpty());
    byte[] one = new byte[32];
    one[0] = 1;
    assertTrue(key.agree(one).isEmpty());
    assertTrue(key.agree(new byte[31]).isEmpty());
  }

  @Test
  void hkdfMatchesRfc5869TestCaseOne() {
    byte[] ikm = new byte[22];
    java.util.Arrays.fill(ikm, (byte) 0x0b);
    byte[] okm =
        Hkdf.sha256(
            ikm,
            HEX.parseHex("000102030405060708090a0b0c"),
            HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertEquals(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        HEX.formatHex(okm));
  }

  @Test
  void chaChaPolyMatchesRfc8439SectionTwoEightTwo() {
    byte[] plaintext =
        ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
                + " future, sunscreen would be it.")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    byte[] nonce = HEX.parseHex("070000004041424344454647");
    byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    byte[] sealed = ChaChaPoly.seal(key, nonce, aad, plaintext, 0, plaintext.length);
    assertEquals(
        "1ae10b594f09e26a7e902ecbd0600691",
        HEX.formatHex(sealed, sealed.length - 16, sealed.length));
    assertEquals("d31a8d34648e60db7b86afbc53ef7ec2", HEX.formatHex(sealed, 0, 16));
    assertArrayEquals(
        plaintext, ChaChaPoly.open(key, nonce, aad, sealed, 0, sealed.length).orElseThrow());
    sealed[5] ^= 1;
    assertTrue(ChaChaPoly.open(key, nonce, aad, sealed, 0, sealed.length).isEmpty());
    sealed[5] ^= 1;
    aad[0] ^= 1;
    assertTrue(ChaChaPoly.open(key, nonce, aad, sealed, 0, sealed.length).isEmpty());
    assertTrue(ChaChaPoly.open(key, nonce, aad, sealed, 0, 15).isEmpty());
  }
}
