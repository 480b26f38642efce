package org.classgate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared real-world block lists ({@code ../shared/data/blocklists} from the project root,
 * described by its README) by walking up from the working directory, so tests run the same from the
 * root or from a module directory.
 */
public final class BlocklistData {
  private static final Path RELATIVE = Path.of("shared", "data", "blocklists");

  private BlocklistData() {}

  /** The blocklists directory, if some ancestor of the working directory has it beneath it. */
  public static Optional<Path> find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The blocklists directory; skips the calling test (JUnit assumption) when it is absent. */
  public static Path require() {
    Optional<Path> found = find();
    assumeTrue(
        found.isPresent(),
        "real block lists not found: no shared/data/blocklists above "
            + Path.of("").toAbsolutePath());
    return found.get();
  }
}
