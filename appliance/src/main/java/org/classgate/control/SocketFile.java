package org.classgate.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.tinylog.TaggedLogger;

/**
 * Binds the control socket's file safely. The socket is bound inside a fresh directory only the
 * owner can enter, given mode 0660 there and then renamed onto its public path: at no moment does
 * the public path hold a socket with the umask's mode, and a stale file left by a killed process is
 * replaced in one atomic rename (rename(2)) rather than deleted and re-created.
 */
final class SocketFile {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("control");

  private SocketFile() {}

  /** A bound server channel and the identity of the file it is bound to. */
  record Bound(ServerSocketChannel channel, Object fileKey) {}

  /**
   * Binds {@code path}, replacing a stale socket file nobody answers on.
   *
   * @throws FileAlreadyExistsException if another process answers on {@code path}, or the path is a
   *     regular file, directory or link (never deleted: it is not ours)
   */
  static Bound bind(Path path) throws IOException {
    Path socket = path.toAbsolutePath();
    Path parent = socket.getParent();
    Files.createDirectories(parent);
    refuseIfLive(socket);
    Path privateDir =
        Files.createTempDirectory(
            parent,
            ".control-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path temporary = privateDir.resolve("s");
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.bind(UnixDomainSocketAddress.of(temporary));
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw----"));
      Files.move(temporary, socket, StandardCopyOption.ATOMIC_MOVE);
      Object key =
          Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
      return new Bound(channel, key);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(temporary);
      throw e;
    } finally {
      Files.deleteIfExists(privateDir);
    }
  }

  /**
   * Deletes {@code path} if it is still the file we bound (another process may have replaced it).
   */
  static void release(Path path, Object fileKey) {
    try {
      Object current =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .fileKey();
      if (fileKey != null && fileKey.equals(current)) {
        Files.delete(path);
      }
    } catch (NoSuchFileException e) {
      // Already gone: nothing to clean up.
    } catch (IOException e) {
      LOG.warn("could not remove the control socket {}: {}", path, e.getMessage());
    }
  }

  private static void refuseIfLive(Path socket) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!attributes.isOther()) {
      throw new FileAlreadyExistsException(
          socket.toString(), null, "exists and is not a socket; not replacing it");
    }
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      throw new FileAlreadyExistsException(
          socket.toString(), null, "another process answers on this control socket");
    } catch (ConnectException e) {
      // ECONNREFUSED: nobody listens; the file was left by a process that died without closing.
      LOG.info("replacing the stale control socket {}", socket);
    }
  }
}
