package org.classgate.filter.sources;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.classgate.filter.ListReport;

/**
 * A {@code .tar.gz} of category directories in UT1 / squidGuard layout ({@code
 * <anything>/<category>/domains}), such as UT1's {@code blacklists.tar.gz}. The archive is streamed
 * once, straight from the gzip stream into the domain sets: nothing is unpacked to disk, and every
 * wanted category is read in that one pass however many list categories use it.
 *
 * <p>Caps: an entry of at most {@link #MAX_ENTRY_BYTES}, and {@link #MAX_TOTAL_BYTES} unpacked in
 * all (UT1's whole collection, adult list included, unpacks to about 300 MB), so a gzip bomb fails
 * the read instead of filling memory. See {@link TarReader} for the rest of what is refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class ListArchive {
  /** The largest single list in an archive. */
  public static final long MAX_ENTRY_BYTES = 1L << 30;

  /** The most an archive may unpack to. */
  public static final long MAX_TOTAL_BYTES = 4L << 30;

  private static final String DOMAINS_FILE = "domains";

  private ListArchive() {}

  /** True if {@code location} names a gzip-compressed tar archive by its ending. */
  public static boolean isArchive(String location) {
    String lower = location.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
  }

  /**
   * Reads every wanted category directory's {@code domains} file of {@code archive} into {@code
   * into} (and its Adblock-style exceptions into {@code exceptions}, or counted as ignored if
   * null), each with its mask.
   *
   * @param wanted category directory name → the category mask its names get
   * @param label how reports name the archive (e.g. the URL it came from)
   * @return the report of each wanted category found; a wanted one that is absent is left out
   * @throws ListLoadException if the archive cannot be read, is not a gzip-compressed tar, is
   *     truncated or corrupt, or breaks a cap; names read before the failure may be in the builders
   */
  public static Map<String, ListReport> load(
      Path archive,
      String label,
      Map<String, Integer> wanted,
      ListLoader loader,
      DomainSet.Builder into,
      DomainSet.Builder exceptions)
      throws ListLoadException {
    Map<String, ListReport> reports = new HashMap<>();
    try (InputStream file = Files.newInputStream(archive);
        InputStream gzip = new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16)) {
      Instant modified = Files.getLastModifiedTime(archive).toInstant();
      TarReader tar = new TarReader(gzip, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES);
      for (TarReader.Entry entry = tar.next(); entry != null; entry = tar.next()) {
        String category = categoryOf(entry.path());
        Integer mask = category == null ? null : wanted.get(category);
        if (mask == null) {
          continue;
        }
        ListReport report =
            loader.read(label + "#" + category, tar.content(), modified, mask, into, exceptions);
        reports.merge(category, report, ListArchive::sum);
      }
    } catch (ZipException e) {
      throw new ListLoadException(
          "block list archive " + label + " is not gzip data or is corrupt: " + e.getMessage(), e);
    } catch (java.io.EOFException e) {
      throw new ListLoadException(
          "block list archive " + label + " is truncated (the gzip stream ends early)", e);
    } catch (IOException e) {
      throw new ListLoadException(
          "cannot read block list archive " + label + ": " + e.getMessage(), e);
    }
    return reports;
  }

  /** The category of {@code <anything>/<category>/domains}; null for any other entry. */
  static String categoryOf(String path) {
    String[] segments = path.split("/");
    int n = segments.length;
    if (n < 2 || !segments[n - 1].equals(DOMAINS_FILE) || segments[n - 2].isEmpty()) {
      return null;
    }
    return segments[n - 2];
  }

  /** Two members of one category (the same directory twice in an archive) read as one. */
  private static ListReport sum(ListReport a, ListReport b) {
    Map<org.classgate.filter.SkipReason, Long> skipped = new HashMap<>(a.skipped());
    b.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum));
    return new ListReport(
        a.source(),
        a.entries() + b.entries(),
        a.exceptions() + b.exceptions(),
        skipped,
        a.modified());
  }
}
