package org.classgate.filter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tinylog.TaggedLogger;

/**
 * Loads block list sources into a {@link DomainSet.Builder}. A source is a plain file (domains,
 * hosts-file lines or Adblock-style rules, see {@link ListLineParser}) or a directory in UT1 /
 * squidGuard layout whose {@code domains} file is read (its {@code urls} file is for proxies and
 * means nothing to DNS).
 *
 * <p>Files are streamed line by line in UTF-8, undecodable bytes replaced rather than failing the
 * file (real lists carry stray Latin-1), and every skipped name is counted in the {@link
 * ListReport} by {@link SkipReason}. A source that yields no domain at all is logged as a warning
 * but is not an error: an empty list is a valid (if suspicious) list.
 *
 * <p>When a load throws, names read before the failure may already be in the builder: callers
 * discard that builder and keep serving the previous set. Stateless and thread-safe; each call uses
 * its own parser.
 */
public final class ListLoader {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** The built-in demonstration list, relative to this class. */
  public static final String DEMO_RESOURCE = "demo-blocklist.txt";

  /** The category the demonstration list is meant to feed (configure it to use the list). */
  public static final String DEMO_CATEGORY = "demo";

  /** The file a UT1 category directory keeps its domains in. */
  static final String UT1_DOMAINS_FILE = "domains";

  /**
   * Adds every valid domain of {@code source} to {@code into} with {@code categoryMask}.
   *
   * @param source a list file, or a UT1 category directory containing {@code domains}
   * @throws ListLoadException if the source is missing or unreadable, or is a directory that is not
   *     one UT1 category (the message says which and how to fix it)
   */
  public ListReport load(Path source, int categoryMask, DomainSet.Builder into)
      throws ListLoadException {
    return load(source, categoryMask, into, null);
  }

  /**
   * As {@link #load(Path, int, DomainSet.Builder)}, with Adblock-style {@code @@} exceptions added
   * to {@code exceptions} with the same mask; where {@code exceptions} is null (a locked list) they
   * are skipped as {@link SkipReason#EXCEPTION_IGNORED}.
   */
  public ListReport load(
      Path source, int categoryMask, DomainSet.Builder into, DomainSet.Builder exceptions)
      throws ListLoadException {
    Path file = listFile(source);
    Instant modified;
    try (InputStream in = Files.newInputStream(file)) {
      modified = Files.getLastModifiedTime(file).toInstant();
      return read(file.toString(), in, modified, categoryMask, into, exceptions);
    } catch (ListLoadException e) {
      throw e;
    } catch (IOException e) {
      throw new ListLoadException("cannot read block list " + file + ": " + describe(e), e);
    }
  }

  /**
   * Loads a list shipped on the classpath next to this class, such as {@link #DEMO_RESOURCE}.
   *
   * @throws ListLoadException if there is no such resource or it cannot be read
   */
  public ListReport loadResource(String resource, int categoryMask, DomainSet.Builder into)
      throws ListLoadException {
    String source = "classpath:" + ListLoader.class.getPackageName().replace('.', '/') + "/";
    source += resource;
    try (InputStream in = ListLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ListLoadException("no built-in block list " + source);
      }
      return read(source, in, null, categoryMask, into, null);
    } catch (ListLoadException e) {
      throw e;
    } catch (IOException e) {
      throw new ListLoadException("cannot read block list " + source + ": " + describe(e), e);
    }
  }

  /** The file to read for {@code source}: itself, or a UT1 directory's {@code domains}. */
  private static Path listFile(Path source) throws ListLoadException {
    if (!Files.isDirectory(source)) {
      return source;
    }
    Path domains = source.resolve(UT1_DOMAINS_FILE);
    if (Files.exists(domains)) {
      return domains;
    }
    List<String> subdirectories = new ArrayList<>();
    try (Stream<Path> children = Files.list(source)) {
      children
          .filter(Files::isDirectory)
          .map(child -> child.getFileName().toString())
          .sorted()
          .forEach(subdirectories::add);
    } catch (IOException e) {
      throw new ListLoadException("cannot read block list directory " + source + ": " + e, e);
    }
    if (!subdirectories.isEmpty()) {
      throw new ListLoadException(
          "configuration error: block list directory "
              + source
              + " has no '"
              + UT1_DOMAINS_FILE
              + "' file but has category subdirectories ("
              + String.join(", ", subdirectories.subList(0, Math.min(5, subdirectories.size())))
              + (subdirectories.size() > 5 ? ", …" : "")
              + "); a source is one category: use e.g. "
              + source.resolve(subdirectories.get(0)));
    }
    throw new ListLoadException(
        "configuration error: block list directory "
            + source
            + " has no '"
            + UT1_DOMAINS_FILE
            + "' file; a directory source must be a UT1 category (<dir>/domains)");
  }

  /**
   * Reads one list from {@code in} (not closed), e.g. a member of an archive, as {@link #load(Path,
   * int, DomainSet.Builder, DomainSet.Builder)} reads a file.
   *
   * @param source how the report names it
   * @param modified when it was last modified, or null if unknown
   * @throws IOException if reading {@code in} fails; names read before may be in the builders
   */
  public ListReport read(
      String source,
      InputStream in,
      Instant modified,
      int categoryMask,
      DomainSet.Builder into,
      DomainSet.Builder exceptions)
      throws IOException {
    CountingSink sink = new CountingSink(into, exceptions, categoryMask);
    BoundedLineReader lines = new BoundedLineReader(in, ListLineParser.MAX_LINE_CHARS);
    ListLineParser parser = new ListLineParser();
    long simpleEntries = 0;
    while (true) {
      if (lines.atBufferedLine()) {
        // Most lines: one name, read and encoded where it lies in the read buffer in one pass.
        int labels = parser.simpleLine(lines.bytes(), lines.position(), lines.limit());
        if (labels > 0) {
          into.addWire(parser.wire(), parser.wireLength(), labels, categoryMask);
          simpleEntries++;
          lines.consumeLine(parser.lineEnd());
          continue;
        }
      }
      // Kept out of this loop so the loop compiles small and early.
      if (!readLine(lines, parser, sink)) {
        break;
      }
    }
    ListReport report =
        new ListReport(
            source, simpleEntries + sink.entries, sink.exceptions, sink.skipped, modified);
    if (report.entries() == 0) {
      LOG.warn("block list {} has no valid domains: {}", source, report.summary());
    } else {
      LOG.info("block list {}: {}", source, report.summary());
    }
    return report;
  }

  /** Reads and parses one line of any kind; false at the end of input. */
  private static boolean readLine(BoundedLineReader lines, ListLineParser parser, CountingSink sink)
      throws IOException {
    int length = lines.next();
    if (length == BoundedLineReader.END) {
      return false;
    } else if (length == BoundedLineReader.TOO_LONG) {
      sink.skipped(SkipReason.TOO_LONG_LINE);
    } else if (lines.ascii()) {
      parser.parseAscii(lines.bytes(), lines.start(), lines.start() + length, sink);
    } else {
      parser.parse(lines.chars(), length, sink);
    }
    return true;
  }

  /** Adds each name to the builder and counts names and skips. */
  private static final class CountingSink implements ListLineParser.Sink {
    private final DomainSet.Builder into;
    private final DomainSet.Builder exceptionsInto;
    private final int categoryMask;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private long entries;
    private long exceptions;

    CountingSink(DomainSet.Builder into, DomainSet.Builder exceptionsInto, int categoryMask) {
      this.into = into;
      this.exceptionsInto = exceptionsInto;
      this.categoryMask = categoryMask;
    }

    @Override
    public void domain(byte[] wire, int length, int labels) {
      into.addWire(wire, length, labels, categoryMask);
      entries++;
    }

    @Override
    public void exception(byte[] wire, int length, int labels) {
      if (exceptionsInto == null) {
        skipped(SkipReason.EXCEPTION_IGNORED);
      } else {
        exceptionsInto.addWire(wire, length, labels, categoryMask);
        exceptions++;
      }
    }

    @Override
    public void skipped(SkipReason reason) {
      skipped.merge(reason, 1L, Long::sum);
    }
  }

  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + " (" + e.getMessage() + ")";
  }
}
