package org.classgate.app.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Subnet;
import org.classgate.filter.UnsafeSearch;
import org.classgate.filter.schedule.Timetable;
import org.classgate.filter.schedule.TimetableException;

/**
 * The appliance's configuration, validated once at start and immutable afterwards. {@link
 * #from(Map, HostFacts)} is the one place where keys are interpreted; every failure is a {@link
 * ConfigException} naming the key, the value and what is allowed.
 *
 * @param lists category name → its list sources, in configuration order
 * @param locked locked (illegal-content) list name → its sources; enforced for every profile
 * @param timetable the school day's named periods ({@code timetable.*}); without any, one period
 *     ({@code outside}) covers the whole week
 * @param profiles profile name → what it blocks and enforces
 * @param sources how downloads are fetched and how often every source is checked for updates
 * @param devices the classroom, its device-class table and the quarantine ({@code classroom.name},
 *     {@code devices.class.*}, {@code devices.quarantine.*})
 * @param activity the activity log ({@code activity.*})
 * @param outbox the sync outbox's bound and periodic records ({@code sync.*})
 * @param sync the link to the school hub ({@code sync.*})
 */
public record ApplianceConfig(
    Path dataDir,
    DnsConfig dns,
    Map<String, List<ListSource>> lists,
    Map<String, List<ListSource>> locked,
    SourcesConfig sources,
    Timetable timetable,
    Map<String, ProfileConfig> profiles,
    String defaultProfile,
    DevicesConfig devices,
    LogLevel logLevel,
    NetworkConfig network,
    PanelConfig panel,
    IncidentsConfig incidents,
    ActivityConfig activity,
    ConsoleConfig console,
    OutboxConfig outbox,
    SyncConfig sync) {

  /** How much the appliance logs. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** Every fixed key, for the unknown-key message. Pattern keys are listed by their shape. */
  static final List<String> KEYS =
      List.of(
          "data.dir",
          "dns.listen",
          "dns.upstream",
          "dns.upstream.timeout",
          "dns.allowed-clients",
          "dns.rate-limit",
          "dns.rate-burst",
          "dns.block-mode",
          "dns.block-address",
          "dns.block-address6",
          "dns.block-ttl",
          "dns.cache.max-entries",
          "dns.cache.max-mib",
          "dns.cache.serve-stale",
          "dns.tcp.max-connections",
          "dns.tcp.idle-timeout",
          "lists.<category>",
          "sources.ut1",
          "sources.update-interval",
          "sources.update-jitter",
          "sources.max-download-mib",
          "sources.connect-timeout",
          "sources.read-timeout",
          "sources.max-redirects",
          "download.<name>.url",
          "download.<name>.sha256",
          "download.<name>.public-key",
          "download.<name>.signature-url",
          "locked.<name>",
          "timetable.zone",
          "timetable.<period>",
          "profile.<name>.block",
          "profile.<name>.block.<period>",
          "profile.<name>.safesearch",
          "profile.<name>.allow",
          "profile.<name>.deny",
          "devices.default-profile",
          String.join(", ", DevicesConfig.KEYS),
          "log.level",
          String.join(", ", PanelConfig.KEYS),
          String.join(", ", IncidentsConfig.KEYS),
          "activity.log",
          "activity.memory-entries",
          "activity.flush-interval",
          "activity.flush-rows",
          "activity.retention-days",
          String.join(", ", ConsoleConfig.KEYS),
          String.join(", ", OutboxConfig.KEYS),
          String.join(", ", SyncConfig.KEYS));

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** The taxonomy's locked category: only ever a locked list. */
  static final String ILLEGAL_CONTENT = "illegal-content";

  /** The profile used when no profile is configured: it blocks every configured category. */
  public static final String BUILT_IN_PROFILE = "pupil";

  public ApplianceConfig {
    lists = Map.copyOf(lists);
    locked = Map.copyOf(locked);
    profiles = Map.copyOf(profiles);
  }

  /** Validates {@code raw} against the host's facts; the only way to make a configuration. */
  public static ApplianceConfig from(Map<String, String> raw, HostFacts host)
      throws ConfigException {
    ConfigReader in = new ConfigReader(raw);
    Path dataDir = Path.of(in.string("data.dir", "/var/lib/classgate"));
    DnsConfig dns = dns(in, host);
    SourcesConfig sources = SourcesConfig.read(in);
    Map<String, List<ListSource>> lists = sources(in, "lists.", false, sources.named());
    Ut1Sources.addTo(in, lists, sources.named());
    addUnsafeSearch(lists);
    if (lists.containsKey(ILLEGAL_CONTENT)) {
      throw new ConfigException(
          "lists." + ILLEGAL_CONTENT,
          "illegal content is locked for every profile: configure it as locked." + ILLEGAL_CONTENT);
    }
    Map<String, List<ListSource>> locked = sources(in, "locked.", true, sources.named());
    for (String name : locked.keySet()) {
      if (lists.containsKey(name)) {
        throw new ConfigException(
            "locked." + name, "a locked list needs a name of its own; lists." + name + " exists");
      }
    }
    if (lists.size() + locked.size() > 32) {
      throw new ConfigException(
          "lists.<category>",
          "sources.ut1",
          "at most 32 lists and locked lists together are supported");
    }
    Timetable timetable = timetable(in);
    Map<String, ProfileConfig> profiles =
        ProfileConfig.read(in, lists.keySet(), new LinkedHashSet<>(timetable.periods()));
    String defaultProfile = in.string("devices.default-profile", BUILT_IN_PROFILE);
    if (!profiles.containsKey(defaultProfile)) {
      throw new ConfigException(
          "devices.default-profile",
          defaultProfile,
          "a configured profile: " + String.join(", ", profiles.keySet()));
    }
    DevicesConfig devices =
        DevicesConfig.read(in, profiles.keySet(), defaultProfile, dns.blockAnswer());
    LogLevel logLevel = in.choice("log.level", LogLevel.INFO, LogLevel.class);
    NetworkConfig network = NetworkConfig.read(in, dataDir, dns.listen());
    PanelConfig panel = PanelConfig.read(in);
    ActivityConfig activity = ActivityConfig.read(in);
    Set<String> categories = new LinkedHashSet<>(lists.keySet());
    categories.addAll(locked.keySet());
    IncidentsConfig incidents = IncidentsConfig.read(in, categories, devices.classroom());
    ConsoleConfig console = ConsoleConfig.read(in);
    OutboxConfig outbox = OutboxConfig.read(in);
    SyncConfig sync = SyncConfig.read(in, devices.classroom());
    in.rejectUnread(
        java.util.stream.Stream.concat(KEYS.stream(), NetworkConfig.KEYS.stream()).toList());
    return new ApplianceConfig(
        dataDir,
        dns,
        lists,
        locked,
        sources,
        timetable,
        profiles,
        defaultProfile,
        devices,
        logLevel,
        network,
        panel,
        incidents,
        activity,
        console,
        outbox,
        sync);
  }

  /**
   * Makes the built-in category {@value UnsafeSearch#CATEGORY} always available, without a {@code
   * lists.} key: its built-in list comes first, then any {@code lists.unsafe-search} sources the
   * school adds (e.g. a maintained list of SearXNG instances). Blocking it is the profiles' choice.
   */
  private static void addUnsafeSearch(Map<String, List<ListSource>> lists) {
    List<ListSource> sources = new ArrayList<>();
    sources.add(ListSource.UNSAFE_SEARCH);
    for (ListSource source : lists.getOrDefault(UnsafeSearch.CATEGORY, List.of())) {
      if (!source.equals(ListSource.UNSAFE_SEARCH)) {
        sources.add(source);
      }
    }
    lists.put(UnsafeSearch.CATEGORY, List.copyOf(sources));
  }

  private static Timetable timetable(ConfigReader in) throws ConfigException {
    String zoneText = in.string("timetable.zone", null);
    ZoneId zone;
    try {
      zone = zoneText == null ? ZoneId.systemDefault() : ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new ConfigException(
          "timetable.zone", zoneText, "a time zone such as Europe/London (" + e.getMessage() + ")");
    }
    Map<String, String> periods = new LinkedHashMap<>();
    for (String period : in.suffixesOf("timetable.")) {
      if (!period.equals("zone")) {
        periods.put(period, in.string("timetable." + period, ""));
      }
    }
    try {
      return Timetable.parse(zone, periods);
    } catch (TimetableException e) {
      String key = "timetable." + e.period();
      throw new ConfigException(key, periods.get(e.period()), e.problem());
    }
  }

  private static DnsConfig dns(ConfigReader in, HostFacts host) throws ConfigException {
    // Port 0 lets the kernel pick a free port: for tests and the self-test.
    List<InetSocketAddress> listen = in.socketAddresses("dns.listen", 5300, 0);
    if (listen.isEmpty()) {
      listen = List.of(ConfigReader.socketAddress("dns.listen", "0.0.0.0:5300", 5300, 0));
    }
    List<InetSocketAddress> upstreams = in.socketAddresses("dns.upstream", 53, 1);
    if (upstreams.isEmpty()) {
      upstreams = host.systemNameservers();
      if (upstreams.isEmpty()) {
        throw new ConfigException(
            "dns.upstream",
            null,
            "one or more upstream resolvers as address:port (the host's resolv.conf lists none)");
      }
    }
    for (InetSocketAddress upstream : upstreams) {
      if (listen.contains(upstream)) {
        throw new ConfigException(
            "dns.upstream",
            upstream.toString(),
            "an address other than ClassGate's own listener (dns.listen): it would loop");
      }
    }
    List<Subnet> allowed = in.subnets("dns.allowed-clients");
    if (allowed.isEmpty()) {
      allowed = host.localSubnets();
    }
    int rate = in.integer("dns.rate-limit", 200, 0, 1_000_000);
    int burst = in.integer("dns.rate-burst", rate * 2, 0, 10_000_000);
    return new DnsConfig(
        listen,
        upstreams,
        in.duration(
            "dns.upstream.timeout",
            Duration.ofMillis(1500),
            Duration.ofMillis(50),
            Duration.ofSeconds(30)),
        allowed,
        rate,
        burst,
        blockAnswer(in),
        in.integer("dns.cache.max-entries", 10_000, 0, 10_000_000),
        in.integer("dns.cache.max-mib", 8, 1, 1024),
        in.duration("dns.cache.serve-stale", Duration.ofDays(1), Duration.ZERO, Duration.ofDays(7)),
        in.integer("dns.tcp.max-connections", 64, 1, 10_000),
        in.duration(
            "dns.tcp.idle-timeout",
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            Duration.ofMinutes(10)));
  }

  private static BlockAnswer blockAnswer(ConfigReader in) throws ConfigException {
    BlockAnswer.Mode mode =
        in.choice("dns.block-mode", BlockAnswer.Mode.ADDRESS, BlockAnswer.Mode.class);
    Inet4Address ipv4 =
        address("dns.block-address", in.string("dns.block-address", "0.0.0.0"), Inet4Address.class);
    Inet6Address ipv6 =
        address("dns.block-address6", in.string("dns.block-address6", "::"), Inet6Address.class);
    Duration ttl =
        in.duration("dns.block-ttl", Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1));
    return new BlockAnswer(mode, ipv4, ipv6, (int) ttl.toSeconds());
  }

  static <A extends InetAddress> A address(String key, String text, Class<A> family)
      throws ConfigException {
    String allowed =
        family == Inet4Address.class ? "a numeric IPv4 address" : "a numeric IPv6 address";
    if (!text.matches("[0-9A-Fa-f:.]+")) {
      throw new ConfigException(key, text, allowed);
    }
    try {
      InetAddress address = InetAddress.getByName(text);
      if (family.isInstance(address)) {
        return family.cast(address);
      }
    } catch (UnknownHostException e) {
      // Reported below with the same message as a wrong family.
    }
    throw new ConfigException(key, text, allowed);
  }

  private static Map<String, List<ListSource>> sources(
      ConfigReader in,
      String prefix,
      boolean locked,
      Map<String, org.classgate.filter.sources.Download> downloads)
      throws ConfigException {
    Map<String, List<ListSource>> lists = new LinkedHashMap<>();
    for (String category : in.suffixesOf(prefix)) {
      String key = prefix + category;
      if (!NAME.matcher(category).matches()) {
        throw new ConfigException(
            key, "a category name is 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
      }
      List<ListSource> sources = new ArrayList<>();
      for (String text : in.list(key)) {
        sources.add(
            locked
                ? ListSource.parseLocked(key, text, downloads)
                : ListSource.parse(key, text, downloads));
      }
      if (sources.isEmpty()) {
        throw new ConfigException(key, "", "a comma list of list files or UT1-style directories");
      }
      lists.put(category, List.copyOf(sources));
    }
    return lists;
  }
}
