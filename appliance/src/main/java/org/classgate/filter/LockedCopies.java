package org.classgate.filter;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.tinylog.TaggedLogger;

/**
 * Keeps the last good copy of every locked list source in the data directory, so a locked list that
 * becomes unreadable (a missing mount, a failed download, a corrupted file) is replaced by its last
 * good copy, loudly, and never silently dropped.
 */
public final class LockedCopies {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final Path directory;

  /**
   * @param directory where copies live, e.g. {@code <data.dir>/locked}; created when needed
   */
  public LockedCopies(Path directory) {
    this.directory = directory;
  }

  /** Where the copy of source number {@code index} of locked list {@code category} lives. */
  public Path copyOf(String category, int index) {
    return directory.resolve(category + "-" + index + ".domains");
  }

  /**
   * Replaces the kept copy with {@code loaded} (the file a successful load read), atomically: a
   * crash mid-copy leaves the previous copy intact.
   */
  public void keep(String category, int index, Path loaded) throws IOException {
    Files.createDirectories(directory);
    Path target = copyOf(category, index);
    Path partial = directory.resolve(target.getFileName() + ".partial");
    Files.copy(loaded, partial, StandardCopyOption.REPLACE_EXISTING);
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The kept copy, if there is one. */
  public Optional<Path> lastGood(String category, int index) {
    Path copy = copyOf(category, index);
    if (Files.isRegularFile(copy)) {
      return Optional.of(copy);
    }
    LOG.debug("no kept copy of locked list {} source {}", category, index);
    return Optional.empty();
  }
}
