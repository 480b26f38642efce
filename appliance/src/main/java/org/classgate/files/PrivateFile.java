package org.classgate.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.tinylog.TaggedLogger;

/**
 * A file holding a secret (a private key): written atomically and readable by its owner only. The
 * temporary file is created 0600, written, fsynced and renamed over the target, then the directory
 * is fsynced, so a power cut leaves either the old file or the whole new one and the secret is
 * never readable by others, not even for a moment. Stateless; not safe across processes writing the
 * same file.
 */
public final class PrivateFile {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("files");

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFile() {}

  /** Replaces {@code file} with {@code content}, atomically, mode 0600. */
  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp =
        Files.createTempFile(
            dir,
            "." + file.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(content);
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  /**
   * The permissions of {@code file} beyond the owner's read and write, or empty if there are none.
   * A secret that others could read may already be disclosed: callers refuse it, as ssh(1) refuses
   * such private keys.
   *
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   */
  public static Optional<String> looseMode(Path file) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> loose = EnumSet.copyOf(mode);
    loose.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    return loose.isEmpty() ? Optional.empty() : Optional.of(PosixFilePermissions.toString(mode));
  }

  private static void syncDirectory(Path dir) {
    // fsync(2) of the directory makes the rename durable; some file systems refuse to open a
    // directory for it, and the rename is still atomic there.
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync {}: {}", dir, e.getMessage());
    }
  }
}
