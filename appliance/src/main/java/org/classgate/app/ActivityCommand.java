package org.classgate.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.DailyCount;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.DurationText;
import org.classgate.store.Database;

/**
 * {@code classgate activity …}: the stored DNS decisions and daily statistics, read from the same
 * database as the running appliance (decisions reach it within {@code activity.flush-interval}).
 * Everything printed is escaped: query names, device ids and profiles come from the network.
 */
final class ActivityCommand {
  static final String USAGE =
      """
      Usage: classgate activity [--since 10m] [--device ID|ADDRESS] [--limit N] [--config FILE]
             classgate activity stats [--days N] [--config FILE]
        (no action)   stored decisions, oldest first: time, client, device, profile,
                      outcome, type, name, categories; '~' marks a time taken before the
                      clock synchronised (it may be wrong)
        stats         daily counts per device, category and outcome (default: the last 7 days)
      --since D       how far back, e.g. 30s, 10m, 2h, 7d (default 10m)
      --device X      only this device id or client address
      --limit N       at most N decisions, the most recent (default 1000)
      """;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final ApplianceConfig config;
  private final Clock clock;
  private final PrintStream out;

  ActivityCommand(ApplianceConfig config, Clock clock, PrintStream out) {
    this.config = config;
    this.clock = clock;
    this.out = out;
  }

  int run(List<String> args) throws Exception {
    boolean stats = !args.isEmpty() && args.get(0).equals("stats");
    Duration since = Duration.ofMinutes(10);
    String device = null;
    int limit = 1000;
    int days = 7;
    for (int i = stats ? 1 : 0; i < args.size(); i++) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new Cli.UsageException(option + " needs a value");
      }
      String value = args.get(++i);
      switch (option) {
        case "--since" -> since = duration(value);
        case "--device" -> device = value;
        case "--limit" -> limit = positive(option, value);
        case "--days" -> days = positive(option, value);
        default -> throw new Cli.UsageException("unknown activity option '" + option + "'");
      }
    }
    ZoneId zone = config.timetable().zone();
    try (Database database = Database.open(config.dataDir())) {
      SqliteActivityReader reader = new SqliteActivityReader(database);
      if (stats) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        printStats(reader.daily(today.minusDays(days - 1L), today));
      } else {
        printEntries(reader.since(clock.instant().minus(since), device, limit), zone);
      }
    }
    return Main.EXIT_OK;
  }

  private void printEntries(List<ActivityEntry> entries, ZoneId zone) {
    if (entries.isEmpty()) {
      println("no stored decisions in that period");
    }
    for (ActivityEntry entry : entries) {
      println(
          (entry.synchronised() ? " " : "~")
              + TIME.format(entry.time().atZone(zone))
              + "  "
              + entry.client().getHostAddress()
              + "  "
              + (entry.deviceId() == null ? "-" : entry.deviceId())
              + "  "
              + (entry.profile() == null ? "-" : entry.profile())
              + "  "
              + entry.outcome()
              + "  "
              + entry.type()
              + "  "
              + entry.name()
              + (entry.categories().isEmpty() ? "" : "  " + String.join(",", entry.categories())));
    }
  }

  private void printStats(List<DailyCount> counts) {
    if (counts.isEmpty()) {
      println("no statistics in that period");
    }
    for (DailyCount count : counts) {
      println(
          count.day()
              + "  "
              + count.device()
              + "  "
              + (count.category().isEmpty() ? "-" : count.category())
              + "  "
              + count.outcome()
              + "  "
              + count.count());
    }
  }

  /** Prints one line with control and bidi characters escaped (see {@link TerminalText}). */
  private void println(String line) {
    out.println(TerminalText.escape(line, false));
  }

  private static Duration duration(String text) throws Cli.UsageException {
    Duration duration = DurationText.parse(text);
    if (duration == null || duration.isZero()) {
      throw new Cli.UsageException(
          "--since needs a duration like 30s, 10m, 2h or 7d, got '" + text + "'");
    }
    return duration;
  }

  private static int positive(String option, String text) throws Cli.UsageException {
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new Cli.UsageException(option + " needs a positive whole number, got '" + text + "'");
  }
}
