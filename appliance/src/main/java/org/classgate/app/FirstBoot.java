package org.classgate.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.tinylog.TaggedLogger;

/**
 * What a new box makes once, on its first boot, and keeps: its sync keys ({@link KeyFile}, mode
 * 0600 in the data directory) and the enrolment sheet ({@value #ENROLMENT_FILE}: the box id, the
 * key fingerprint and the enrolment code a hub administrator types to accept the box). Idempotent:
 * existing keys are kept, and the sheet is derived from them, so running it again changes nothing.
 * Run by {@code classgate first-boot} (the image's first-boot service) and at every start of the
 * appliance, so a box always has its keys. Not thread-safe across processes; the service's start
 * and the first-boot unit are ordered by systemd.
 */
final class FirstBoot {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** The enrolment sheet's name in the data directory. */
  static final String ENROLMENT_FILE = "enrolment.txt";

  private FirstBoot() {}

  /**
   * The box's public identity and where its files are.
   *
   * @param keys the public keys the hub pins
   * @param enrolmentSheet the sheet written for the technician
   */
  record Identity(PartyKeys keys, Path enrolmentSheet) {
    /** The sheet's text: what a technician copies to the hub's enrolment page. */
    String sheet() {
      return "box id:          "
          + keys.id()
          + "\nkey fingerprint: "
          + keys.fingerprint()
          + "\nenrolment code:  "
          + keys.enrolmentCode()
          + "\n";
    }
  }

  /**
   * Loads the box's keys, generating them with {@code random} if there are none, and writes the
   * enrolment sheet if it is missing or differs.
   *
   * @throws KeyFileException the key file is unreadable, readable by others, or malformed
   * @throws IOException the sheet cannot be written
   */
  static Identity prepare(Path dataDir, SecureRandom random) throws KeyFileException, IOException {
    PartyKeys keys = new KeyFile(dataDir).loadOrCreate(random).publicKeys();
    Identity identity = new Identity(keys, dataDir.resolve(ENROLMENT_FILE));
    writeIfChanged(identity.enrolmentSheet(), identity.sheet());
    return identity;
  }

  /**
   * {@link #prepare} at the appliance's start: a key problem does not stop the box filtering (the
   * classroom keeps its DNS), it is returned as a problem for the health display instead.
   */
  static List<String> atStart(Path dataDir, SecureRandom random) {
    try {
      Identity identity = prepare(dataDir, random);
      LOG.info("box {} (key fingerprint {})", identity.keys().id(), identity.keys().fingerprint());
      return List.of();
    } catch (KeyFileException | IOException e) {
      String problem = "the box's sync keys are not usable: " + e.getMessage();
      LOG.error(problem);
      return List.of(problem);
    }
  }

  private static void writeIfChanged(Path file, String text) throws IOException {
    if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
      return;
    }
    Path temp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            "." + ENROLMENT_FILE + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
