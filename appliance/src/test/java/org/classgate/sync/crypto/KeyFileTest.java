package org.classgate.sync.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  @TempDir Path dir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void generatesOwnerOnlyKeysOnFirstStartAndLoadsTheSameAfterwards() throws Exception {
    Path data = dir.resolve("var");
    KeyFile file = new KeyFile(data);
    SyncKeys first = file.loadOrCreate(random);

    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file())));
    try (Stream<Path> entries = Files.list(data)) {
      assertEquals(1, entries.count(), "no temporary file is left behind");
    }
    SyncKeys again = new KeyFile(data).loadOrCreate(random);
    assertEquals(first.publicKeys(), again.publicKeys());
    assertEquals(first.id(), again.id());
  }

  @Test
  void loadedKeysSignWhatTheStoredPublicKeyVerifies() throws Exception {
    SyncKeys created = new KeyFile(dir).loadOrCreate(random);
    SyncKeys loaded = new KeyFile(dir).loadOrCreate(random);
    byte[] message = {1, 2, 3};
    byte[] signature = loaded.signing().sign(message, 0, 3);
    assertTrue(SigningKey.verify(created.publicKeys().signingKey(), message, 0, 3, signature, 0));
    AgreementKey peer = AgreementKey.generate(random);
    assertEquals(
        java.util.HexFormat.of().formatHex(peer.agree(created.publicKeys().agreementKey()).get()),
        java.util.HexFormat.of().formatHex(loaded.agreement().agree(peer.publicKey()).get()));
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws Exception {
    KeyFile file = new KeyFile(dir);
    file.loadOrCreate(random);
    Files.setPosixFilePermissions(file.file(), PosixFilePermissions.fromString("rw-r--r--"));
    KeyFileException refused =
        assertThrows(KeyFileException.class, () -> file.loadOrCreate(random));
    assertTrue(refused.getMessage().contains("rw-r--r--"), refused.getMessage());
    assertTrue(refused.getMessage().contains(file.file().toString()), refused.getMessage());
  }

  @Test
  void refusesAMalformedKeyFileNamingIt() throws Exception {
    KeyFile file = new KeyFile(dir);
    Files.writeString(
        file.file(),
        "version=1\nid=not-a-uuid\ned25519=AAAA\nx25519=AAAA\n",
        java.nio.charset.StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file.file(), PosixFilePermissions.fromString("rw-------"));
    KeyFileException refused =
        assertThrows(KeyFileException.class, () -> file.loadOrCreate(random));
    assertTrue(refused.getMessage().contains("malformed"), refused.getMessage());
    Files.writeString(file.file(), "version=2\n");
    assertThrows(KeyFileException.class, () -> file.loadOrCreate(random));
  }

  @Test
  void rotationReplacesTheKeysAtomicallyKeepingTheId() throws Exception {
    KeyFile file = new KeyFile(dir);
    SyncKeys old = file.loadOrCreate(random);
    SyncKeys rotated =
        new SyncKeys(old.id(), SigningKey.generate(random), AgreementKey.generate(random));
    file.write(rotated);
    SyncKeys loaded = file.loadOrCreate(random);
    assertEquals(old.id(), loaded.id());
    assertEquals(rotated.publicKeys(), loaded.publicKeys());
    assertNotEquals(old.publicKeys(), loaded.publicKeys());
  }
}
