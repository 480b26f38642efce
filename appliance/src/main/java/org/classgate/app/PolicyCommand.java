package org.classgate.app;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.dns.Profile;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.Decision;
import org.classgate.filter.PolicyExplainer;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRefused;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.Role;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.filter.store.SqliteChangeLog;
import org.classgate.store.Database;

/**
 * {@code classgate policy …}: temporary allowances and the change-control log from the command
 * line, against the same database as the running appliance (which picks changes up within seconds).
 *
 * <pre>
 * policy allow DOMAIN --scope profile:NAME|device:ADDRESS|classroom --minutes N
 *                     --reason TEXT --by ID:ROLE [--approved-by ID:ROLE]
 * policy allowances
 * policy revoke ID --by ID:ROLE --reason TEXT
 * policy log [--last N]
 * policy verify-log
 * policy explain NAME [--profile P] [--device ADDRESS] [--at INSTANT]
 * policy show [PROFILE]
 * policy sources
 * </pre>
 *
 * ROLE is teacher, online-safety-officer or headteacher. Exit status 0 done, 1 refused or failed, 2
 * a bad command line.
 */
final class PolicyCommand {
  static final String USAGE =
      """
      Usage: classgate policy <action> [--config FILE] [--set key=value]...
        allow DOMAIN --scope profile:NAME|device:ADDRESS|classroom --minutes N
                     --reason TEXT --by ID:ROLE [--approved-by ID:ROLE]
        allowances                      the allowances in force
        revoke ID --by ID:ROLE --reason TEXT
        log [--last N]                  the change-control log, newest last
        verify-log                      check the log's hash chain
        sources                         each list source: entries, skips by reason, age,
                                        last download, and the lists' problems
        explain NAME [--profile P] [--device ADDRESS] [--at 2026-11-23T10:15:00Z]
                                        the decision for NAME and why (default: the
                                        default profile, now), stage by stage: locked
                                        lists, the profile's deny/allow entries,
                                        allowances, categories, SafeSearch
        show [PROFILE]                  the effective policy: locked lists, and per
                                        profile its categories in each timetable period,
                                        SafeSearch level, allow and deny entries
      ROLE is teacher, online-safety-officer or headteacher. An allowance is refused for
      a locked name, and for a name a deny entry of the profile covers (edit the profile).
      """;

  private final ApplianceConfig config;
  private final Clock clock;

  /** Prints escaped: names, reasons and log rows come from users and lists. */
  private final SafePrinter out;

  PolicyCommand(ApplianceConfig config, Clock clock, PrintStream out) {
    this.config = config;
    this.clock = clock;
    this.out = new SafePrinter(out);
  }

  /** Runs one action; {@code args} are what followed {@code policy}, options already removed. */
  int run(List<String> args) throws Exception {
    if (args.isEmpty()) {
      throw new Cli.UsageException("policy needs an action");
    }
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        if (i + 1 >= args.size()) {
          throw new Cli.UsageException(arg + " needs a value");
        }
        options.put(arg.substring(2), args.get(++i));
      } else {
        positional.add(arg);
      }
    }
    if (args.get(0).equals("sources")) {
      return sources();
    }
    try (Database database = Database.open(config.dataDir())) {
      return switch (args.get(0)) {
        case "allow" -> allow(database, single(positional, "DOMAIN"), options);
        case "allowances" -> list(database);
        case "revoke" -> revoke(database, single(positional, "ID"), options);
        case "log" -> log(database, options);
        case "verify-log" -> verify(database);
        case "explain" -> explain(database, single(positional, "NAME"), options);
        case "show" -> show(positional);
        default -> throw new Cli.UsageException("unknown policy action '" + args.get(0) + "'");
      };
    }
  }

  private int allow(Database database, String domainText, Map<String, String> options)
      throws Exception {
    FilterLists lists = FilterLists.load(config, System::nanoTime);
    Predicate<Name> isLocked = name -> lists.locked().match(name) != 0;
    Name domain = Name.of(domainText).toLowerCase();
    int minutes = parseMinutes(required(options, "minutes"));
    Person requester = person(required(options, "by"));
    Person approver =
        options.containsKey("approved-by") ? person(options.get("approved-by")) : requester;
    Instant now = clock.instant();
    AllowanceRequest request =
        new AllowanceRequest(
            domain,
            scope(required(options, "scope")),
            now,
            now.plus(Duration.ofMinutes(minutes)),
            required(options, "reason"),
            requester,
            new TreeSet<>(lists.categoryNames(lists.domains().match(domain))));
    SqliteAllowanceStore store =
        new SqliteAllowanceStore(
            database,
            new Allowances(
                ApprovalRules.defaults(), clock, ProfileEntryTables.build(config, lists.locked())),
            Outbound.outbox(config, database));
    try {
      Allowance allowance = store.create(request, approver, isLocked);
      out.println("allowed: " + allowance.describe());
      return Main.EXIT_OK;
    } catch (AllowanceRefused e) {
      out.println("refused (" + e.kind() + "): " + e.getMessage());
      return Main.EXIT_FAILED;
    }
  }

  private int list(Database database) throws Exception {
    SqliteAllowanceStore store = allowanceStore(database);
    List<Allowance> active = store.active();
    if (active.isEmpty()) {
      out.println("no allowances in force");
    }
    for (Allowance allowance : active) {
      out.println(allowance.id() + "  " + allowance.describe());
    }
    return Main.EXIT_OK;
  }

  private int revoke(Database database, String idText, Map<String, String> options)
      throws Exception {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      throw new Cli.UsageException("'" + idText + "' is not an allowance id");
    }
    SqliteAllowanceStore store = allowanceStore(database);
    Optional<Allowance> revoked =
        store.revoke(id, person(required(options, "by")), required(options, "reason"));
    if (revoked.isEmpty()) {
      out.println("no allowance " + id + " in force");
      return Main.EXIT_FAILED;
    }
    out.println("revoked: " + revoked.get().describe());
    return Main.EXIT_OK;
  }

  private int log(Database database, Map<String, String> options) throws Exception {
    int last = options.containsKey("last") ? parsePositive(options.get("last"), "--last") : 20;
    List<LoggedChange> all = new ArrayList<>();
    long after = 0;
    List<LoggedChange> page;
    do {
      page =
          new SqliteChangeLog(database, Outbound.outbox(config, database))
              .read(after, SqliteChangeLog.MAX_READ);
      all.addAll(page);
      after = page.isEmpty() ? after : page.get(page.size() - 1).id();
    } while (page.size() == SqliteChangeLog.MAX_READ);
    for (LoggedChange change : all.subList(Math.max(0, all.size() - last), all.size())) {
      ChangeEntry entry = change.entry();
      out.println(
          "#"
              + change.id()
              + "  "
              + entry.at()
              + "  "
              + entry.action()
              + "  by "
              + entry.actor()
              + (entry.approvedBy() == null ? "" : ", approved by " + entry.approvedBy()));
      out.println("    why: " + entry.reason().replace("\n", "\n         "));
      if (entry.before() != null) {
        out.println("    before: " + entry.before().replace("\n", "\n            "));
      }
      if (entry.after() != null) {
        out.println("    after: " + entry.after().replace("\n", "\n           "));
      }
    }
    return Main.EXIT_OK;
  }

  /** The running box's report of its list sources (see {@link SourceStatus}). */
  private int sources() throws java.io.IOException {
    for (String line : new SourceStatus(SourceStatus.fileIn(config.dataDir()), clock).render()) {
      out.println(line);
    }
    return Main.EXIT_OK;
  }

  private int verify(Database database) throws Exception {
    ChainVerification result =
        new SqliteChangeLog(database, Outbound.outbox(config, database)).verify();
    out.println(result.toString());
    return result.intact() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private int explain(Database database, String nameText, Map<String, String> options)
      throws Exception {
    FilterLists lists = FilterLists.load(config, System::nanoTime);
    String profile = options.getOrDefault("profile", config.defaultProfile());
    if (!config.profiles().containsKey(profile)) {
      throw new Cli.UsageException(
          "--profile '"
              + profile
              + "' is not configured; the profiles are "
              + config.profiles().keySet());
    }
    Clock at = clock;
    if (options.containsKey("at")) {
      try {
        at = Clock.fixed(Instant.parse(options.get("at")), clock.getZone());
      } catch (java.time.format.DateTimeParseException e) {
        throw new Cli.UsageException("--at needs an instant such as 2026-11-23T10:15:00Z");
      }
    }
    Predicate<Name> isLocked = name -> lists.locked().match(name) != 0;
    SqliteAllowanceStore store = allowanceStore(database);
    PolicyExplainer explainer =
        new PolicyExplainer(
            lists.locked(),
            lists.categories(),
            lists.domains(),
            lists.categories(),
            lists.schedule(profile),
            store.snapshot(isLocked),
            lists.safeSearchFor(new Profile(profile, 0)),
            SpecialNames.canaries(),
            ProfileEntryTables.build(config, lists.locked()).forProfile(profile),
            at);
    InetAddress device = null;
    if (options.containsKey("device")) {
      device = ((AllowanceScope.DeviceScope) scope("device:" + options.get("device"))).address();
    }
    Decision decision = explainer.explain(Name.of(nameText), device);
    out.println(decision.explanation());
    return Main.EXIT_OK;
  }

  private int show(List<String> positional) throws Exception {
    if (positional.size() > 1) {
      throw new Cli.UsageException("expected at most one PROFILE, got " + positional);
    }
    FilterLists lists = FilterLists.load(config, System::nanoTime);
    PolicyView view = new PolicyView(config, lists);
    if (positional.isEmpty()) {
      view.all().forEach(out::println);
      return Main.EXIT_OK;
    }
    String profile = positional.get(0);
    if (!config.profiles().containsKey(profile)) {
      throw new Cli.UsageException(
          "profile '"
              + profile
              + "' is not configured; the profiles are "
              + config.profiles().keySet());
    }
    view.profile(profile).forEach(out::println);
    return Main.EXIT_OK;
  }

  /** A printer that escapes what it prints (see {@link TerminalText}). */
  private record SafePrinter(PrintStream out) {
    void println(String text) {
      out.println(TerminalText.escape(text, true));
    }
  }

  private SqliteAllowanceStore allowanceStore(Database database) {
    return new SqliteAllowanceStore(
        database,
        new Allowances(ApprovalRules.defaults(), clock),
        Outbound.outbox(config, database));
  }

  private static AllowanceScope scope(String text) throws Cli.UsageException {
    if (text.equals("classroom")) {
      return AllowanceScope.CLASSROOM;
    }
    if (text.startsWith("profile:")) {
      return new AllowanceScope.ProfileScope(text.substring("profile:".length()));
    }
    if (text.startsWith("device:")) {
      String address = text.substring("device:".length());
      if (!address.matches("[0-9A-Fa-f:.]+")) {
        throw new Cli.UsageException(
            "--scope device: needs a numeric address, got '" + address + "'");
      }
      try {
        return new AllowanceScope.DeviceScope(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new Cli.UsageException("--scope device: '" + address + "' is not an address");
      }
    }
    throw new Cli.UsageException(
        "--scope is profile:NAME, device:ADDRESS or classroom, got '" + text + "'");
  }

  private static Person person(String text) throws Cli.UsageException {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new Cli.UsageException("a person is ID:ROLE, e.g. j.smith:teacher; got '" + text + "'");
    }
    String roleText = text.substring(colon + 1).toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return new Person(text.substring(0, colon), Role.valueOf(roleText));
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageException(
          "'" + text + "': the role is teacher, online-safety-officer or headteacher");
    }
  }

  private static String required(Map<String, String> options, String name)
      throws Cli.UsageException {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new Cli.UsageException("--" + name + " is required");
    }
    return value;
  }

  private static String single(List<String> positional, String what) throws Cli.UsageException {
    if (positional.size() != 1) {
      throw new Cli.UsageException("expected one " + what + ", got " + positional);
    }
    return positional.get(0);
  }

  private static int parseMinutes(String text) throws Cli.UsageException {
    return parsePositive(text, "--minutes");
  }

  private static int parsePositive(String text, String option) throws Cli.UsageException {
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

  /** Keeps {@link WireFormatException} from a bad domain a usage error with the domain named. */
  static String describe(Exception e) {
    return e instanceof WireFormatException
        ? "not a domain name: " + e.getMessage()
        : e.getMessage();
  }
}
