package org.classgate.sync.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.classgate.files.PrivateFile;
import org.tinylog.TaggedLogger;

/**
 * The file in the data directory that holds a party's {@link SyncKeys}: generated at the first
 * start, loaded at every later one, written as a {@link PrivateFile} (atomic, 0600). A key file
 * that others can read is refused: the key may already be disclosed and must be replaced. Not
 * thread-safe across processes; call once at start.
 */
public final class KeyFile {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** The key file's name inside the data directory. */
  public static final String FILE_NAME = "sync-keys.properties";

  private final Path file;

  public KeyFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  /**
   * The keys in the file, generating and storing new ones with {@code random} if there is none.
   *
   * @throws KeyFileException naming the file: unreadable, readable by others, or malformed
   */
  public SyncKeys loadOrCreate(SecureRandom random) throws KeyFileException {
    try {
      return load();
    } catch (NoSuchFileException e) {
      SyncKeys keys = SyncKeys.generate(random);
      write(keys);
      LOG.info("generated sync keys in {}: {}", file, keys.publicKeys().fingerprint());
      return keys;
    } catch (IOException e) {
      throw new KeyFileException("cannot read sync key file " + file + ": " + e, e);
    }
  }

  private SyncKeys load() throws IOException, KeyFileException {
    Optional<String> loose = PrivateFile.looseMode(file);
    if (loose.isPresent()) {
      throw new KeyFileException(
          "sync key file "
              + file
              + " has mode "
              + loose.get()
              + "; it must be rw------- (0600). Its keys may have been read by others: remove the"
              + " file to generate new keys and enrol the box again");
    }
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
    try {
      if (!"1".equals(properties.getProperty("version"))) {
        throw new IllegalArgumentException("version is " + properties.getProperty("version"));
      }
      UUID id = UUID.fromString(required(properties, "id"));
      SigningKey signing = SigningKey.fromSeed(decode(properties, "ed25519"));
      AgreementKey agreement = AgreementKey.fromPrivate(decode(properties, "x25519"));
      return new SyncKeys(id, signing, agreement);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("sync key file " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("no " + key);
    }
    return value.trim();
  }

  private static byte[] decode(Properties properties, String key) {
    return Base64.getDecoder().decode(required(properties, key));
  }

  /** Stores {@code keys}, replacing the file atomically (key rotation uses this too). */
  public void write(SyncKeys keys) throws KeyFileException {
    Base64.Encoder base64 = Base64.getEncoder();
    String text =
        "# ClassGate sync keys. SECRET: never copy this file off the machine.\n"
            + "version=1\n"
            + "id="
            + keys.id()
            + "\ned25519="
            + base64.encodeToString(keys.signing().seed())
            + "\nx25519="
            + base64.encodeToString(keys.agreement().privateBytes())
            + "\n";
    try {
      PrivateFile.write(file, text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new KeyFileException("cannot write sync key file " + file + ": " + e, e);
    }
  }
}
