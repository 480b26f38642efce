package org.classgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.classgate.filter.ListReport;
import org.classgate.filter.SkipReason;
import org.tinylog.TaggedLogger;

/**
 * The running box's list-source report, written to {@code data.dir/sources/status.properties} after
 * every build and update, and read back by {@code classgate policy sources} (another process, so
 * the report goes through a file). Written to a scratch file and renamed, so a reader never sees
 * half of one.
 */
final class SourceStatus {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final Path file;
  private final Clock clock;

  SourceStatus(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  static Path fileIn(Path dataDir) {
    return dataDir.resolve("sources").resolve("status.properties");
  }

  /** Writes {@code snapshot}'s report; a failure is logged, never thrown (it is only a report). */
  void write(ListSnapshot snapshot) {
    Properties out = new Properties();
    out.setProperty("written", clock.instant().toString());
    out.setProperty("built", snapshot.built().toString());
    out.setProperty("domains", Integer.toString(snapshot.domains().size()));
    out.setProperty("exceptions", Integer.toString(snapshot.domains().exceptions().size()));
    out.setProperty("locked", Integer.toString(snapshot.locked().size()));
    List<String> problems = snapshot.problems();
    for (int i = 0; i < problems.size(); i++) {
      out.setProperty("problem." + i, problems.get(i));
    }
    List<SourceReport> sources = snapshot.sources();
    for (int i = 0; i < sources.size(); i++) {
      SourceReport source = sources.get(i);
      String key = "source." + i + ".";
      out.setProperty(key + "list", source.list());
      out.setProperty(key + "locked", Boolean.toString(source.locked()));
      out.setProperty(key + "source", source.source());
      out.setProperty(key + "state", source.state().name());
      ListReport report = source.report();
      if (report != null) {
        out.setProperty(key + "entries", Long.toString(report.entries()));
        out.setProperty(key + "exceptions", Long.toString(report.exceptions()));
        report
            .skipped()
            .forEach(
                (reason, count) ->
                    out.setProperty(key + "skipped." + reason.name(), count.toString()));
        if (report.modified() != null) {
          out.setProperty(key + "modified", report.modified().toString());
        }
      }
      if (source.fetched() != null) {
        out.setProperty(key + "fetched", source.fetched().toString());
      }
      if (source.lastFetch() != null) {
        out.setProperty(key + "last-fetch", source.lastFetch());
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      try (OutputStream stream = Files.newOutputStream(partial)) {
        out.store(stream, "ClassGate list sources (written by the running box)");
      }
      try {
        Files.move(
            partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot write the list source report {}: {}", file, e.getMessage());
    }
  }

  /**
   * The report as lines for a terminal (not yet escaped), ages counted to now: per source its
   * state, entries, exceptions, skips by reason, age and last fetch, then the problems.
   */
  List<String> render() throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of(
          "no list source report at " + file + ": the box has not run with this data.dir yet");
    }
    Properties in = new Properties();
    try (InputStream stream = Files.newInputStream(file)) {
      in.load(stream);
    }
    Instant now = clock.instant();
    List<String> lines = new ArrayList<>();
    lines.add(
        "lists built "
            + ago(in.getProperty("built"), now)
            + ": "
            + in.getProperty("domains")
            + " blocked domains, "
            + in.getProperty("exceptions")
            + " exceptions, "
            + in.getProperty("locked")
            + " locked (report written "
            + ago(in.getProperty("written"), now)
            + ")");
    for (int i = 0; in.getProperty("source." + i + ".source") != null; i++) {
      String key = "source." + i + ".";
      boolean locked = Boolean.parseBoolean(in.getProperty(key + "locked"));
      lines.add(
          (locked ? "locked " : "")
              + in.getProperty(key + "list")
              + "  "
              + in.getProperty(key + "source")
              + "  "
              + in.getProperty(key + "state").toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      StringBuilder detail = new StringBuilder("    ");
      if (in.getProperty(key + "entries") != null) {
        detail.append(in.getProperty(key + "entries")).append(" entries");
        String exceptions = in.getProperty(key + "exceptions", "0");
        if (!exceptions.equals("0")) {
          detail.append(", ").append(exceptions).append(" exceptions");
        }
        List<String> skips = new ArrayList<>();
        for (SkipReason reason : SkipReason.values()) {
          String count = in.getProperty(key + "skipped." + reason.name(), "0");
          if (!count.equals("0")) {
            skips.add(reason.name().toLowerCase(java.util.Locale.ROOT) + " " + count);
          }
        }
        detail.append(", skipped: ").append(skips.isEmpty() ? "none" : String.join(", ", skips));
      }
      if (in.getProperty(key + "modified") != null) {
        detail.append(", modified ").append(ago(in.getProperty(key + "modified"), now));
      }
      if (in.getProperty(key + "fetched") != null) {
        detail.append(", fetched ").append(ago(in.getProperty(key + "fetched"), now));
      }
      lines.add(detail.toString());
      if (in.getProperty(key + "last-fetch") != null) {
        lines.add("    last fetch: " + in.getProperty(key + "last-fetch"));
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; in.getProperty("problem." + i) != null; i++) {
      problems.add("  " + in.getProperty("problem." + i));
    }
    lines.add(problems.isEmpty() ? "problems: none" : "problems:");
    lines.addAll(problems);
    return lines;
  }

  /** e.g. {@code 2026-11-23T08:00:00Z (3h 5m ago)}. */
  private static String ago(String instant, Instant now) {
    if (instant == null) {
      return "at an unknown time";
    }
    try {
      Duration age = Duration.between(Instant.parse(instant), now);
      String text =
          age.toDays() > 0
              ? age.toDays() + "d " + age.toHoursPart() + "h"
              : age.toHours() > 0
                  ? age.toHours() + "h " + age.toMinutesPart() + "m"
                  : age.toMinutes() + "m " + age.toSecondsPart() + "s";
      return instant + " (" + text + " ago)";
    } catch (RuntimeException e) {
      return instant;
    }
  }
}
