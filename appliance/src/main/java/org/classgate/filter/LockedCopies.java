package org.classgate.filter;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tinylog.TaggedLogger;

/**
 * Keeps the last good copy of every locked list source in the data directory, so a locked list that
 * becomes unreadable (a missing mount, a failed download, a corrupted file) is replaced by its last
 * good copy, loudly, and never silently dropped.
 */
public final class LockedCopies {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** A kept copy's file name: the list's name, the source's index, {@code .domains}. */
  private static final Pattern COPY =
      Pattern.compile("([a-z0-9][a-z0-9-]{0,31})-(\\d{1,4})\\.domains");

  private final Path directory;

  /**
   * A kept copy whose source is no longer configured.
   *
   * @param list the locked list's name
   * @param index the source's position in the list when it was kept
   * @param copy the file
   */
  public record Orphan(String list, int index, Path copy) {}

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

  /**
   * The kept copies of sources the configuration no longer has: a locked list whose key was
   * removed, or sources beyond a list's configured count. Once enforced, a locked list stays
   * enforced: configuration alone cannot switch it off (see the README on retiring one).
   *
   * @param configuredSources locked list name → number of sources configured now
   * @return in file-name order; empty when there is no copy directory
   * @throws IOException if the directory exists but cannot be listed
   */
  public List<Orphan> orphans(Map<String, Integer> configuredSources) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Orphan> orphans = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        Matcher name = COPY.matcher(file.getFileName().toString());
        if (name.matches() && Files.isRegularFile(file)) {
          int index = Integer.parseInt(name.group(2));
          if (index >= configuredSources.getOrDefault(name.group(1), 0)) {
            orphans.add(new Orphan(name.group(1), index, file));
          }
        }
      }
    }
    return orphans;
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
