package org.classgate.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format {@code
 * $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded base64), so the cost can be
 * raised later and old hashes still verify with the parameters they were made with. Thread-safe.
 */
public final class PasswordHasher {
  /**
   * The box's cost: 19 MiB, 2 passes, 1 lane (RFC 9106's memory-constrained choice is 64 MiB; 19
   * MiB with t=2 is OWASP's minimum). Measured in README: about 0.3 s on a Raspberry Pi 4.
   */
  public static final Cost DEFAULT = new Cost(19 * 1024, 2, 1);

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final String PREFIX = "$argon2id$v=19$";

  /**
   * @param memoryKib memory in KiB (at least 8 × lanes)
   * @param iterations passes over the memory, at least 1
   * @param lanes parallelism, at least 1
   */
  public record Cost(int memoryKib, int iterations, int lanes) {
    public Cost {
      if (lanes < 1 || iterations < 1 || memoryKib < 8 * lanes) {
        throw new IllegalArgumentException("invalid Argon2 cost " + memoryKib + "/" + iterations);
      }
    }
  }

  private final Cost cost;
  private final SecureRandom random;

  /**
   * @param cost the cost of new hashes
   * @param random the salt source; non-null
   */
  public PasswordHasher(Cost cost, SecureRandom random) {
    this.cost = Objects.requireNonNull(cost, "cost");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new hash of {@code password} with a fresh salt, in PHC format. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, cost, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX
        + "m="
        + cost.memoryKib()
        + ",t="
        + cost.iterations()
        + ",p="
        + cost.lanes()
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time. A malformed or
   * absurdly expensive encoded hash never matches (it is never trusted to set the cost).
   */
  public boolean verify(String password, String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
    if (parts.length != 3) {
      return false;
    }
    Cost stored;
    byte[] salt;
    byte[] expected;
    try {
      stored = parseCost(parts[0]);
      salt = Base64.getDecoder().decode(parts[1]);
      expected = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (stored.memoryKib() > 1024 * 1024 || stored.iterations() > 64 || stored.lanes() > 16) {
      return false;
    }
    if (salt.length < 8 || expected.length < 16 || expected.length > 64) {
      return false;
    }
    byte[] actual = derive(password, salt, stored, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  /** Whether {@code encoded} was made with a cost other than this hasher's (rehash at login). */
  public boolean needsRehash(String encoded) {
    return encoded == null
        || !encoded.startsWith(
            PREFIX
                + "m="
                + cost.memoryKib()
                + ",t="
                + cost.iterations()
                + ",p="
                + cost.lanes()
                + "$");
  }

  private static Cost parseCost(String text) {
    int m = -1;
    int t = -1;
    int p = -1;
    for (String item : text.split(",")) {
      String[] kv = item.split("=", 2);
      if (kv.length != 2 || kv[1].length() > 9) {
        throw new IllegalArgumentException("bad parameter " + item);
      }
      int value = Integer.parseInt(kv[1]);
      switch (kv[0]) {
        case "m" -> m = value;
        case "t" -> t = value;
        case "p" -> p = value;
        default -> throw new IllegalArgumentException("unknown parameter " + kv[0]);
      }
    }
    return new Cost(m, t, p);
  }

  private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(cost.memoryKib())
            .withIterations(cost.iterations())
            .withParallelism(cost.lanes())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(secret, out);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return out;
  }
}
