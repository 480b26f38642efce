package org.classgate.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.activity.ActivityHistory;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.incidents.Alert;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentAction;
import org.classgate.incidents.IncidentDetails;
import org.classgate.incidents.IncidentEvent;
import org.classgate.incidents.IncidentException;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.Review;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.incidents.WeeklySummary;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.Stamp;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * {@code classgate incidents …} and {@code classgate alerts …}: the e-safety log from the command
 * line, against the same database as the running box (which sees an acknowledgement within
 * seconds). Every text from the database is terminal-escaped before it is printed.
 */
final class IncidentsCommand {
  static final String USAGE =
      """
      Usage: classgate incidents <action> [--config FILE]
        list [--status new|acknowledged|under-review|closed] [--last N]
        show ID
        log --incident TEXT --reported-by NAME [--when TEXT]
        ack ID --by NAME
        review ID --by NAME --group TEXT --reason TEXT --first NAME:POSITION
               --second NAME:POSITION --device TEXT [--concern SITE-OR-DEVICE=REASON]...
        action ID --action ACTION --what TEXT --by NAME [--signature NAME]
        close ID --conclusion TEXT --by NAME [--signature NAME]
      ACTION: refer-to-class-teacher, refer-to-headteacher, refer-to-police, inform-parents,
        remove-network-access, warning, further-sanction, refer-to-local-authority-hr,
        suspension, disciplinary-action
      Usage: classgate alerts summary|list [--days N] [--config FILE]
      """;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ApplianceConfig config;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  IncidentsCommand(ApplianceConfig config, Clock clock, PrintStream out, PrintStream err) {
    this.config = config;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  int run(boolean alerts, List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).print(USAGE);
      return args.isEmpty() ? Main.EXIT_USAGE : Main.EXIT_OK;
    }
    try (Database database = Database.open(config.dataDir())) {
      Options options = Options.parse(args.subList(1, args.size()));
      if (alerts) {
        return alerts(database, args.get(0), options);
      }
      return incidents(database, args.get(0), options);
    } catch (UsageError e) {
      err.println("classgate: " + TerminalText.escape(e.getMessage(), false));
      err.print(USAGE);
      return Main.EXIT_USAGE;
    } catch (IncidentException e) {
      err.println("classgate: " + TerminalText.escape(e.getMessage(), false));
      return Main.EXIT_FAILED;
    } catch (Exception e) {
      err.println("classgate: " + args.get(0) + " failed: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
  }

  private IncidentLog log(Database database) throws Exception {
    String classroom = config.incidents().classroom();
    TrustedTime time =
        new TrustedTime(
            new SqliteSequences(database),
            BootId.current(),
            System::nanoTime,
            clock,
            config.panel().clockSync()
                    == org.classgate.app.config.PanelConfig.ClockSyncSource.ASSUMED
                ? ClockSync.ASSUMED
                : ClockSync.timesyncd());
    ActivityHistory none = from -> List.of(); // staff entries carry no snapshot
    return new IncidentLog(
        new SqliteIncidentStore(
            database, Outbound.outbox(config, database), Outbound.pseudonyms(config)),
        time,
        none,
        classroom,
        config.incidents().snapshotWindow(),
        clock);
  }

  private int incidents(Database database, String action, Options o) throws Exception {
    IncidentLog log = log(database);
    switch (action) {
      case "list" -> {
        String status = o.optional("status");
        List<Incident> incidents =
            log.list(status == null ? null : status(status), o.number("last", 50));
        for (Incident incident : incidents) {
          out.println(line(incident));
        }
        if (incidents.isEmpty()) {
          out.println("no incidents");
        }
      }
      case "show" -> print(log.show(o.id()));
      case "log" -> {
        long id = log.log(o.required("incident"), o.optional("when"), o.required("reported-by"));
        out.println("logged incident " + id);
      }
      case "ack" -> {
        long id = o.id();
        log.acknowledge(id, o.required("by"));
        out.println("incident " + id + " acknowledged");
      }
      case "review" -> {
        long id = o.id();
        List<Review.Concern> concerns = new ArrayList<>();
        for (String concern : o.all("concern")) {
          int eq = concern.indexOf('=');
          if (eq <= 0) {
            throw new UsageError("--concern takes SITE-OR-DEVICE=REASON, got '" + concern + "'");
          }
          concerns.add(new Review.Concern(concern.substring(0, eq), concern.substring(eq + 1)));
        }
        log.startReview(
            id,
            new Review(
                null,
                o.required("group"),
                o.required("reason"),
                reviewer(o.required("first")),
                reviewer(o.required("second")),
                o.required("device"),
                concerns,
                null),
            o.required("by"));
        out.println("incident " + id + " under review");
      }
      case "action" -> {
        long id = o.id();
        IncidentAction taken;
        try {
          taken = IncidentAction.ofLabel(o.required("action"));
        } catch (IllegalArgumentException e) {
          throw new UsageError(e.getMessage());
        }
        log.recordAction(id, taken, o.required("what"), o.required("by"), o.optional("signature"));
        out.println("recorded '" + taken.title() + "' on incident " + id);
      }
      case "close" -> {
        long id = o.id();
        log.close(id, o.required("conclusion"), o.required("by"), o.optional("signature"));
        out.println("incident " + id + " closed");
      }
      default -> throw new UsageError("unknown incidents action '" + action + "'");
    }
    return Main.EXIT_OK;
  }

  private int alerts(Database database, String action, Options o) throws Exception {
    int days = o.number("days", 7);
    Instant to = clock.instant();
    Instant from = to.minus(Duration.ofDays(days));
    List<Alert> alerts =
        new SqliteAlertStore(
                database, Outbound.outbox(config, database), Outbound.pseudonyms(config))
            .between(from, to);
    switch (action) {
      case "summary" -> {
        String classroom = config.incidents().classroom();
        List<Incident> incidents =
            new SqliteIncidentStore(
                    database, Outbound.outbox(config, database), Outbound.pseudonyms(config))
                .list(null, 100_000);
        out.print(
            TerminalText.escape(
                WeeklySummary.text(classroom, from, to, ZoneId.systemDefault(), alerts, incidents),
                true));
      }
      case "list" -> {
        for (Alert alert : alerts) {
          out.println(
              TerminalText.escape(
                  time(alert.stamp()) + " " + alert.kind().label() + " " + alert.detail(), false));
        }
        out.println(alerts.size() + " alerts in the last " + days + " days");
      }
      default -> throw new UsageError("unknown alerts action '" + action + "'");
    }
    return Main.EXIT_OK;
  }

  private void print(IncidentDetails details) {
    Incident incident = details.incident();
    List<String> lines = new ArrayList<>();
    lines.add(line(incident));
    if (incident.occurredAt() != null) {
      lines.add("  occurred: " + incident.occurredAt());
    }
    if (incident.reportedBy() != null) {
      lines.add("  reported by: " + incident.reportedBy());
    }
    for (IncidentEvent event : details.events()) {
      String what =
          event.status() != null
              ? "status -> " + event.status().label()
              : "action: " + event.action().title();
      lines.add(
          "  "
              + time(event.stamp())
              + " "
              + what
              + (event.what() == null ? "" : " - " + event.what())
              + " (by "
              + event.byWhom()
              + (event.signature() == null ? "" : ", signed " + event.signature())
              + ")");
    }
    for (Review review : details.reviews()) {
      lines.add(
          "  review by "
              + review.first().name()
              + " ("
              + review.first().position()
              + ") and "
              + review.second().name()
              + " ("
              + review.second().position()
              + "), group "
              + review.group()
              + ", on "
              + review.reviewDevice()
              + ": "
              + review.reason());
      for (Review.Concern concern : review.concerns()) {
        lines.add("    concern: " + concern.siteOrDevice() + " - " + concern.reason());
      }
    }
    lines.add("  activity snapshot: " + details.snapshot().size() + " queries");
    for (SnapshotEntry entry : details.snapshot()) {
      lines.add(
          "    "
              + TIME.format(entry.time())
              + " "
              + entry.client()
              + (entry.deviceId() == null ? "" : " (" + entry.deviceId() + ")")
              + " "
              + entry.name()
              + " "
              + entry.outcome()
              + (entry.categories().isEmpty() ? "" : " " + String.join(",", entry.categories())));
    }
    for (String line : lines) {
      out.println(TerminalText.escape(line, false));
    }
  }

  private static String line(Incident incident) {
    return TerminalText.escape(
        "#"
            + incident.id()
            + " "
            + time(incident.stamp())
            + " ["
            + incident.status().label()
            + "] "
            + incident.classroom()
            + ": "
            + (incident.source() == Incident.Source.BUTTON
                ? "report button, " + incident.pressCount() + " press(es)"
                : incident.description()),
        false);
  }

  /** The stamp's wall time; '?' marks a time taken before the clock was synchronised. */
  private static String time(Stamp stamp) {
    return TIME.format(stamp.wallTime()) + (stamp.synchronised() ? "" : "?");
  }

  private static IncidentStatus status(String label) throws UsageError {
    try {
      return IncidentStatus.ofLabel(label);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  private static Review.Reviewer reviewer(String text) throws UsageError {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new UsageError("a reviewer is NAME:POSITION, got '" + text + "'");
    }
    return new Review.Reviewer(text.substring(0, colon), text.substring(colon + 1));
  }

  /** A bad command line. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** One positional argument (an incident id) and {@code --name value} options, repeatable. */
  private record Options(String positional, Map<String, List<String>> values) {
    static Options parse(List<String> args) throws UsageError {
      String positional = null;
      Map<String, List<String>> values = new HashMap<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.startsWith("--")) {
          if (i + 1 >= args.size()) {
            throw new UsageError(arg + " needs a value");
          }
          values.computeIfAbsent(arg.substring(2), k -> new ArrayList<>()).add(args.get(++i));
        } else if (positional == null) {
          positional = arg;
        } else {
          throw new UsageError("unexpected argument '" + arg + "'");
        }
      }
      return new Options(positional, values);
    }

    long id() throws UsageError {
      if (positional == null) {
        throw new UsageError("an incident number is needed");
      }
      try {
        return Long.parseLong(positional);
      } catch (NumberFormatException e) {
        throw new UsageError("not an incident number: '" + positional + "'");
      }
    }

    String optional(String name) {
      List<String> all = values.get(name);
      return all == null ? null : all.get(all.size() - 1);
    }

    String required(String name) throws UsageError {
      String value = optional(name);
      if (value == null) {
        throw new UsageError("--" + name + " is required");
      }
      return value;
    }

    List<String> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    int number(String name, int fallback) throws UsageError {
      String value = optional(name);
      if (value == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(value);
        if (n < 1 || n > 100_000) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new UsageError("--" + name + " takes a number from 1 to 100000, got '" + value + "'");
      }
    }
  }
}
